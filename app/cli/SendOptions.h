#pragma once

#include "core/Result.h"
#include "core/model/RequestTemplate.h"
#include "core/model/Variable.h"

#include <QString>
#include <QStringList>

namespace Keyhole::Cli {

// What `keyhole-cli send ...` asked for, parsed but not yet loaded or resolved.
struct SendOptions {
    // Either an inline request (METHOD URL -H ... --data ...) or a request file.
    Model::RequestTemplate inlineRequest;
    QString requestFile;
    QString workspaceDir;
    QString environment;
    Model::VariableList runtimeVariables; // --var NAME=VALUE
    // --timeout, --follow/--no-follow, --max-redirects, --trust-redirects, --allow-downgrade,
    // --http2, -k: only what was given; it wins over the request's own settings.
    Model::RequestSettings settings;
    QString caCertificates; // --cacert FILE: PEM authorities trusted on top of the system's
    QList<Model::Assertion> assertions; // --assert 'status equals 200', after the request's own
    bool json = false;                  // print the Exchange as one JSON document
    bool history = true;                // record the send in the workspace's history
    bool cookies = true;                // use and keep the environment's cookie jar (with --env)
    int repeat = 1;                     // send this many times in a row
    bool revealSecrets = false;
    bool diagnose = false;         // explain an authentication failure
    bool probe = false;            // --probe: confirm the findings by re-sending (implies diagnose)
    QString curl;                  // --curl 'curl …' or the contents of --curl-file
    bool raw = false;              // print every hop's raw request and raw response
    bool failOnUnresolved = false; // refuse to send {{variables}} literally (exit 2)
};

// Parses the arguments after "send". Errors name the argument ("-H: expected 'Name: value'").
Result<SendOptions> parseSendOptions(const QStringList& arguments);

} // namespace Keyhole::Cli
