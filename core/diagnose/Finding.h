#pragma once

#include <QList>
#include <QString>

namespace Keyhole::Diagnose {

enum class Confidence { Confirmed, Likely, Possible };
QString confidenceName(Confidence confidence); // "confirmed", "likely", "possible"

// A byte range [start, end) in the raw request or response of a hop (Raw::requestBytes /
// Raw::responseBytes), e.g. the Authorization line or the challenge.
struct Evidence {
    enum class Part { Request, Response };
    int hop = 0;
    Part part = Part::Request;
    qsizetype start = 0;
    qsizetype end = 0;
    QString note; // what this range shows, for a person
};

// A change Keyhole can make for the user, or advice for the server side.
struct FixAction {
    enum class Kind {
        SetAuthorizationScheme, // value: the scheme word to use ("Bearer", "Token")
        SetAuthorizationValue,  // value: the cleaned header value
        UseUrl,                 // value: the URL to send to instead (the redirect target)
        DefineVariable,         // value: the variable name to define in the environment
        TrustRedirects,         // send credentials on to the redirect target
        Advice,                 // nothing to apply: `label` says what to change where
    };
    Kind kind = Kind::Advice;
    QString label;
    QString value;
};

// One explanation of why the credentials were missing or refused. `id` is a catalog id
// (resources/knowledge/auth-failures.json).
struct Finding {
    QString id;
    QString title;
    Confidence confidence = Confidence::Possible;
    QString stack;       // the server technology, when fingerprinted
    QString explanation; // plain words, naming what was seen
    QList<Evidence> evidence;
    QList<FixAction> fixes;
    int weight = 0; // ranks findings of the same confidence (higher first)
};

} // namespace Keyhole::Diagnose
