#include "core/diagnose/Probes.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Keyhole;
using Diagnose::FixAction;

namespace {

Http::Exchange answered(const QString& url, int status, const QByteArray& reason)
{
    Http::Exchange exchange;
    Http::Hop hop;
    hop.request.method = "GET";
    hop.request.url = QUrl(url);
    hop.response.received = true;
    hop.response.status = status;
    hop.response.reason = reason;
    exchange.hops.append(hop);
    return exchange;
}

Diagnose::Finding finding(const QString& id, Diagnose::Confidence confidence,
                          QList<FixAction> fixes)
{
    Diagnose::Finding made;
    made.id = id;
    made.confidence = confidence;
    made.explanation = u"why"_s;
    made.fixes = std::move(fixes);
    return made;
}

} // namespace

class TestProbes final : public QObject {
    Q_OBJECT

private slots:
    // Credentials never go to an origin they were not meant for: the scheme word and the same
    // origin (or http upgraded to https on the same host) are probed; another host never.
    void probesOnlyWhereCredentialsStayOnTheirOrigin()
    {
        const Http::Exchange sent =
            answered(u"http://api.example.com/items"_s, 401, "Unauthorized");
        const QList<Diagnose::Finding> findings{
            finding(u"drf-scheme-mismatch"_s, Diagnose::Confidence::Likely,
                    {{FixAction::Kind::SetAuthorizationScheme, u"Switch to Bearer"_s, u"Bearer"_s},
                     {FixAction::Kind::Advice, u"Server: set keyword"_s, {}}}),
            finding(u"redirect-append-slash"_s, Diagnose::Confidence::Possible,
                    {{FixAction::Kind::UseUrl, u"Add the slash"_s,
                      u"http://api.example.com/items/"_s}}),
            finding(
                u"redirect-scheme-upgrade"_s, Diagnose::Confidence::Possible,
                {{FixAction::Kind::UseUrl, u"Use https"_s, u"https://api.example.com/items"_s}}),
            finding(
                u"redirect-cross-host"_s, Diagnose::Confidence::Possible,
                {{FixAction::Kind::UseUrl, u"Send to the CDN"_s,
                  u"https://cdn.example.net/items"_s},
                 {FixAction::Kind::UseUrl, u"Other port"_s, u"http://api.example.com:8080/items"_s},
                 {FixAction::Kind::UseUrl, u"Downgrade"_s, u"ftp://api.example.com/items"_s}}),
        };
        const QList<Diagnose::Probe> probes = Diagnose::probesFor(findings, sent);
        QStringList labels;
        for (const Diagnose::Probe& probe : probes)
            labels.append(probe.label);
        QCOMPARE(labels, (QStringList{u"probe: Switch to Bearer"_s,
                                      u"probe: send to http://api.example.com/items/"_s,
                                      u"probe: send to https://api.example.com/items"_s}));
        QCOMPARE(probes.first().findingId, u"drf-scheme-mismatch"_s);
        // https → http is not an upgrade.
        const Http::Exchange secure = answered(u"https://api.example.com/items"_s, 401, "");
        const QList<Diagnose::Finding> downgrade{
            finding(u"x"_s, Diagnose::Confidence::Possible,
                    {{FixAction::Kind::UseUrl, u"Plain"_s, u"http://api.example.com/items"_s}})};
        QVERIFY(Diagnose::probesFor(downgrade, secure).isEmpty());
        QVERIFY(Diagnose::probesFor(findings, Http::Exchange{}).isEmpty());
        // Where the probe would go now is checked again before it is sent.
        QVERIFY(Diagnose::probeAllowed(sent, QUrl(u"http://api.example.com/other"_s)));
        QVERIFY(Diagnose::probeAllowed(sent, QUrl(u"https://API.example.com/items"_s)));
        QVERIFY(!Diagnose::probeAllowed(sent, QUrl(u"http://evil.example.net/items"_s)));
        QVERIFY(!Diagnose::probeAllowed(Http::Exchange{}, QUrl(u"http://api.example.com/"_s)));
        // A URL in a probe's label (it goes into history) is masked as history masks URLs.
        const Http::Exchange withToken = answered(u"http://api.example.com/a"_s, 401, "");
        const QList<Diagnose::Finding> tokenInUrl{finding(
            u"r"_s, Diagnose::Confidence::Possible,
            {{FixAction::Kind::UseUrl, u"Send to http://api.example.com/a/?access_token=s3cr3t"_s,
              u"http://api.example.com/a/?access_token=s3cr3t"_s}})};
        const QList<Diagnose::Probe> masked = Diagnose::probesFor(tokenInUrl, withToken);
        QCOMPARE(masked.size(), 1);
        QVERIFY2(!masked.first().label.contains(u"s3cr3t"_s), qPrintable(masked.first().label));
    }

    void aProbeConfirmsOrNot()
    {
        const Diagnose::Probe probe{
            u"drf-scheme-mismatch"_s,
            {FixAction::Kind::SetAuthorizationScheme, u"Bearer"_s, u"Bearer"_s},
            u"probe: Bearer"_s};
        const Diagnose::ProbeResult ok =
            Diagnose::probeResult(probe, answered(u"http://h/"_s, 200, "OK"), u"h7"_s);
        QVERIFY(ok.confirmed);
        QCOMPARE(ok.outcome, u"200 OK"_s);
        QCOMPARE(ok.historyId, u"h7"_s);
        QVERIFY(
            !Diagnose::probeResult(probe, answered(u"http://h/"_s, 401, "Unauthorized")).confirmed);
        QVERIFY(
            !Diagnose::probeResult(probe, answered(u"http://h/"_s, 404, "Not Found")).confirmed);
        Http::Exchange refused = answered(u"http://h/"_s, 0, "");
        refused.hops.first().response.received = false;
        refused.hops.first().error = {Http::TransportErrorKind::Refused, u"Connection refused"_s};
        const Diagnose::ProbeResult failed = Diagnose::probeResult(probe, refused);
        QVERIFY(!failed.confirmed);
        QCOMPARE(failed.outcome, u"Connection refused"_s);
        // A redirect to a login page is not getting past authentication.
        Http::Exchange login = answered(u"http://h/"_s, 302, "Found");
        login.hops.first().response.headers.append(
            Model::HeaderField{"Location", "/accounts/login/?next=/"});
        QVERIFY(!Diagnose::probeResult(probe, login).confirmed);
    }

    // A confirmed probe upgrades its finding and puts it first; a failed one lowers it.
    void resultsRankTheFindingsAgain()
    {
        QList<Diagnose::Finding> findings{
            finding(u"a"_s, Diagnose::Confidence::Likely, {}),
            finding(u"b"_s, Diagnose::Confidence::Possible, {}),
        };
        Diagnose::applyProbeResults(
            findings, {{u"b"_s, u"probe: B"_s, true, u"200 OK"_s, u"h3"_s, u"B"_s},
                       {u"a"_s, u"probe: A"_s, false, u"401 Unauthorized"_s, {}, u"A"_s}});
        QCOMPARE(findings[0].id, u"b"_s);
        QCOMPARE(findings[0].confidence, Diagnose::Confidence::Confirmed);
        QVERIFY(findings[0].explanation.endsWith(
            u"Confirmed by a probe — B: it answered 200 OK (h3)."_s));
        QCOMPARE(findings[1].confidence, Diagnose::Confidence::Possible);
        QVERIFY(findings[1].explanation.contains(
            u"Not confirmed by a probe — A: it still answered 401"_s));
    }
};

QTEST_GUILESS_MAIN(TestProbes)
#include "tst_Probes.moc"
