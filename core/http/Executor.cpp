#include "core/http/Executor.h"

#include "core/Assert.h"
#include "core/auth/Digest.h"
#include "core/http/Challenge.h"
#include "core/http/ContentDecoding.h"
#include "core/http/CookieJar.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslKey>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Http {
namespace {

bool isTls(const QUrl& url)
{
    return url.scheme() == u"https"_s;
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QString origin(const QUrl& url)
{
    return url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::RemoveUserInfo)
        .toString();
}

// Errors QNetworkReply derives from the HTTP status; for Keyhole they are answers.
bool isHttpStatusError(QNetworkReply::NetworkError error)
{
    const int code = static_cast<int>(error);
    return (code >= 201 && code <= 299) || (code >= 401 && code <= 499);
}

TransportErrorKind kindOf(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::NoError:
        return TransportErrorKind::None;
    case QNetworkReply::HostNotFoundError:
        return TransportErrorKind::Dns;
    case QNetworkReply::ConnectionRefusedError:
        return TransportErrorKind::Refused;
    case QNetworkReply::TimeoutError:
        return TransportErrorKind::Timeout;
    case QNetworkReply::RemoteHostClosedError:
        return TransportErrorKind::Reset;
    case QNetworkReply::OperationCanceledError:
        return TransportErrorKind::Cancelled;
    case QNetworkReply::SslHandshakeFailedError:
        return TransportErrorKind::Tls;
    default:
        return TransportErrorKind::Other;
    }
}

bool hasHeader(const QList<WireHeader>& headers, const QByteArray& name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [&](const WireHeader& h) {
        return h.name.compare(name, Qt::CaseInsensitive) == 0;
    });
}

// The headers handed to Qt: the request's own, repeats joined (Qt keeps one value per name,
// RFC 9110 allows the join), then Keyhole's explicit defaults for what the request lacks.
QList<WireHeader> handedOverHeaders(const HeaderFields& requestHeaders)
{
    QList<WireHeader> headers;
    for (const HeaderField& field : requestHeaders) {
        auto same = std::find_if(headers.begin(), headers.end(), [&](const WireHeader& h) {
            return h.name.compare(field.name, Qt::CaseInsensitive) == 0;
        });
        if (same == headers.end())
            headers.append({field.name, field.value, HeaderOrigin::Request});
        else
            same->value += (field.name.compare("Cookie", Qt::CaseInsensitive) == 0 ? "; " : ", ") +
                           field.value;
    }
    const std::pair<QByteArray, QByteArray> defaults[] = {
        {"User-Agent", Executor::defaultUserAgent()},
        {"Accept", "*/*"},
        {"Accept-Encoding", supportedContentEncodings()},
    };
    for (const auto& [name, value] : defaults) {
        if (!hasHeader(headers, name))
            headers.append({name, value, HeaderOrigin::Keyhole});
    }
    return headers;
}

QByteArray cookieName(const QByteArray& pair)
{
    const qsizetype equals = pair.indexOf('=');
    return (equals < 0 ? pair : pair.left(equals)).trimmed();
}

// Adds the jar's cookies for the request's URL to its Cookie header (after its own, which win
// by name). Returns the cookies added.
QList<QNetworkCookie> addJarCookies(HopRequest& request, const CookieJar& jar)
{
    QList<QNetworkCookie> cookies = jar.cookiesFor(request.url);
    qsizetype at = -1;
    for (qsizetype i = 0; i < request.headers.size(); ++i) {
        if (request.headers[i].name.compare("Cookie", Qt::CaseInsensitive) != 0)
            continue;
        at = at < 0 ? i : at;
        for (const QByteArray& pair : request.headers[i].value.split(';'))
            cookies.removeIf([&](const QNetworkCookie& c) { return c.name() == cookieName(pair); });
    }
    if (cookies.isEmpty())
        return {};
    if (at < 0)
        request.headers.append({"Cookie", cookieHeader(cookies)});
    else
        request.headers[at].value += "; " + cookieHeader(cookies);
    return cookies;
}

// The request as it was before the jar's cookies were added (what the next hop starts from:
// the jar is asked again for the next URL, and may have changed in between).
HopRequest withoutJarCookies(const Hop& hop)
{
    HopRequest request = hop.request;
    if (hop.jarCookiesSent.isEmpty())
        return request;
    for (qsizetype i = request.headers.size() - 1; i >= 0; --i) {
        HeaderField& field = request.headers[i];
        if (field.name.compare("Cookie", Qt::CaseInsensitive) != 0)
            continue;
        QByteArrayList kept;
        for (const QByteArray& pair : field.value.split(';')) {
            if (!hop.jarCookiesSent.contains(cookieName(pair)))
                kept.append(pair.trimmed());
        }
        if (kept.isEmpty())
            request.headers.removeAt(i);
        else
            field.value = kept.join("; ");
    }
    return request;
}

// Methods that carry no body unless one is given: sent without Content-Length, like curl.
bool isBodilessByDefault(const QByteArray& method)
{
    return method == "GET" || method == "HEAD" || method == "DELETE" || method == "OPTIONS" ||
           method == "TRACE" || method == "CONNECT";
}

// Qt joins repeated Set-Cookie lines with '\n' (other repeats with ", "); split them back.
HeaderFields receivedHeaders(const QList<QNetworkReply::RawHeaderPair>& pairs)
{
    HeaderFields headers;
    for (const auto& [name, value] : pairs) {
        if (name.compare("Set-Cookie", Qt::CaseInsensitive) == 0) {
            for (const QByteArray& line : value.split('\n'))
                headers.append({name, line});
        } else {
            headers.append({name, value});
        }
    }
    return headers;
}

} // namespace

bool sendsBody(const HopRequest& request)
{
    return !request.body.isEmpty() || !isBodilessByDefault(request.method);
}

void completeWireForm(HopRequest& request)
{
    request.target = requestTarget(request.url);
    request.wireHeaders =
        wireHeaders(request.url, handedOverHeaders(request.headers),
                    sendsBody(request) ? std::optional<qint64>(request.body.size()) : std::nullopt);
}

ExecuteOptions withSettings(ExecuteOptions options, const Model::RequestSettings& settings)
{
    options.followRedirects = settings.followRedirects.value_or(options.followRedirects);
    options.maxRedirects = qMax(0, settings.maxRedirects.value_or(options.maxRedirects));
    options.trustRedirects = settings.trustRedirects.value_or(options.trustRedirects);
    options.allowDowngrade = settings.allowDowngrade.value_or(options.allowDowngrade);
    options.timeoutMs = qMax(1, settings.timeoutMs.value_or(options.timeoutMs));
    if (settings.verifyTls)
        options.insecure = !*settings.verifyTls;
    options.http2 = settings.http2.value_or(options.http2);
    options.proxy = settings.proxy.value_or(options.proxy).trimmed();
    options.noProxy = settings.noProxy.value_or(options.noProxy);
    return options;
}

Model::RequestSettings settingsOf(const ExecuteOptions& options)
{
    Model::RequestSettings settings;
    settings.followRedirects = options.followRedirects;
    settings.maxRedirects = options.maxRedirects;
    settings.trustRedirects = options.trustRedirects;
    settings.allowDowngrade = options.allowDowngrade;
    settings.timeoutMs = options.timeoutMs;
    settings.verifyTls = !options.insecure;
    settings.http2 = options.http2;
    settings.proxy = options.proxy;
    settings.noProxy = options.noProxy;
    return settings;
}

Result<QNetworkProxy> proxyFor(const ExecuteOptions& options, const QUrl& url)
{
    const QString host = url.host().toLower();
    for (QString entry : options.noProxy.split(u',', Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry == u"*" || host == entry || (entry.startsWith(u'.') && host.endsWith(entry)) ||
            host.endsWith(u'.' + entry))
            return QNetworkProxy(QNetworkProxy::NoProxy);
    }
    const QString& setting = options.proxy;
    if (setting.isEmpty() || setting == u"system") {
        const QList<QNetworkProxy> system =
            QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
        return system.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : system.first();
    }
    if (setting == u"none")
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QUrl proxy(setting.contains(u"://"_s) ? setting : u"http://"_s + setting);
    const QString scheme = proxy.scheme().toLower();
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    if (scheme == u"socks5" || scheme == u"socks5h")
        type = QNetworkProxy::Socks5Proxy;
    else if (scheme != u"http" && scheme != u"https")
        return Error{u"proxy.scheme"_s,
                     QObject::tr("proxy \"%1\": expected http://, https:// or socks5://")
                         .arg(proxy.toDisplayString(QUrl::RemoveUserInfo)),
                     u"settings.proxy"_s};
    if (!proxy.isValid() || proxy.host().isEmpty())
        return Error{u"proxy.url"_s, QObject::tr("the proxy setting is not a URL"),
                     u"settings.proxy"_s};
    return QNetworkProxy(
        type, proxy.host(),
        static_cast<quint16>(proxy.port(type == QNetworkProxy::Socks5Proxy ? 1080 : 3128)),
        proxy.userName(QUrl::FullyDecoded), proxy.password(QUrl::FullyDecoded));
}

HopRequest planRequest(const Model::PreparedRequest& prepared)
{
    HopRequest request{prepared.method, prepared.url, prepared.headers, prepared.body, {}, {}};
    completeWireForm(request);
    return request;
}

PendingExchange::PendingExchange(QNetworkAccessManager* manager,
                                 const Model::PreparedRequest& request,
                                 const ExecuteOptions& options, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_options(withSettings(options, request.settings))
    , m_deadline(new QTimer(this))
{
    m_exchange.unresolvedVariables = request.unresolvedVariables;
    m_exchange.warnings = request.warnings;
    if (request.settings.verifyTls == false)
        m_exchange.warnings.append(tr(
            "TLS certificates were not verified (the request's settings turn verification off)"));
    m_exchange.secretValues = request.secretValues;
    m_digest = request.digest;
    m_clientCertificate = request.clientCertificate;
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        m_abortReason = TransportErrorKind::Timeout;
        if (m_reply)
            m_reply->abort();
        else
            stopLookup(tr("Timed out looking up the host name"));
    });
    m_deadline->start(qMax(1, m_options.timeoutMs));

    HopRequest first{request.method, request.url, request.headers, request.body, {}, {}};
    // Defer so that the caller can connect to finished() first, even on immediate failure.
    QTimer::singleShot(0, this, [this, first] { startHop(first); });
}

void PendingExchange::cancel()
{
    if (m_finished)
        return;
    m_abortReason = TransportErrorKind::Cancelled;
    // Before the first hop has started, startHop() sees the reason and finishes instead.
    if (m_reply)
        m_reply->abort();
    else
        stopLookup(tr("Cancelled while looking up the host name"));
}

void PendingExchange::stopLookup(const QString& message)
{
    if (m_lookupId < 0)
        return;
    QHostInfo::abortHostLookup(m_lookupId);
    m_lookupId = -1;
    Hop& hop = m_exchange.hops.last();
    hop.timings.dnsMs = m_hopClock.nsecsElapsed() / 1e6;
    hop.error = {m_abortReason, message};
    finish();
}

void PendingExchange::startHop(HopRequest request)
{
    if (m_abortReason != TransportErrorKind::None) {
        Hop hop;
        hop.request = std::move(request);
        hop.error = {m_abortReason, tr("Cancelled before sending")};
        m_exchange.hops.append(hop);
        finish();
        return;
    }
    QNetworkRequest networkRequest(request.url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute,
                                QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute,
                                QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::AuthenticationReuseAttribute,
                                QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                                QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, m_options.http2);
    // Ends the hop before anything is sent (a certificate that cannot be used).
    const auto refuse = [this, &request](const QString& message) {
        Hop hop;
        hop.request = std::move(request);
        completeWireForm(hop.request);
        hop.error = {TransportErrorKind::Tls, message};
        m_exchange.hops.append(hop);
        finish();
    };
    if (!m_options.caCertificates.isEmpty() && isTls(request.url)) {
        const QList<QSslCertificate> authorities =
            QSslCertificate::fromPath(m_options.caCertificates, QSsl::Pem);
        if (authorities.isEmpty()) {
            refuse(tr("No PEM certificate could be read from the CA certificates file %1")
                       .arg(m_options.caCertificates));
            return;
        }
        QSslConfiguration configuration = networkRequest.sslConfiguration();
        configuration.addCaCertificates(authorities);
        networkRequest.setSslConfiguration(configuration);
    }
    if (m_clientCertificate && isTls(request.url)) {
        const QList<QSslCertificate> chain =
            QSslCertificate::fromData(m_clientCertificate->certificatePem, QSsl::Pem);
        QSslKey key;
        for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
            key = QSslKey(m_clientCertificate->keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey,
                          m_clientCertificate->passphrase);
            if (!key.isNull())
                break;
        }
        if (chain.isEmpty() || key.isNull()) {
            refuse(chain.isEmpty() ? tr("The client certificate file holds no PEM certificate")
                                   : tr("The client key could not be read (not a PEM private "
                                        "key, or a wrong passphrase)"));
            return;
        }
        QSslConfiguration configuration = networkRequest.sslConfiguration();
        configuration.setLocalCertificateChain(chain);
        configuration.setPrivateKey(key);
        networkRequest.setSslConfiguration(configuration);
    }
    // Qt pools connections by origin (and peer verify name), not by TLS configuration, and a
    // pooled connection keeps the configuration it was made with: one made without the client
    // certificate or the extra CAs would be reused. The verify name (the host, as the default
    // check uses) gives such requests a pool of their own...
    QByteArray tlsIdentity;
    if (m_clientCertificate && isTls(request.url))
        tlsIdentity = QCryptographicHash::hash(m_clientCertificate->certificatePem,
                                               QCryptographicHash::Sha256);
    if (!m_options.caCertificates.isEmpty() && isTls(request.url))
        tlsIdentity += "|ca:" + m_options.caCertificates.toUtf8();
    if (!tlsIdentity.isEmpty()) {
        networkRequest.setPeerVerifyName(request.url.host());
        // ...and another certificate or CA file than the last one's must not ride on them.
        const char* const lastUsed = "keyholeTlsIdentity";
        if (m_manager->property(lastUsed).toByteArray() != tlsIdentity) {
            if (m_manager->property(lastUsed).isValid())
                m_manager->clearConnectionCache();
            m_manager->setProperty(lastUsed, tlsIdentity);
        }
    }

    QList<QNetworkCookie> fromJar;
    if (m_options.cookieJar) {
        fromJar = addJarCookies(request, *m_options.cookieJar);
        for (const QNetworkCookie& cookie : std::as_const(fromJar))
            addCookieSecret(cookie.value());
    }
    const QList<WireHeader> handedOver = handedOverHeaders(request.headers);
    for (const WireHeader& header : handedOver) {
        if (header.value.isEmpty())
            m_exchange.warnings.append(
                tr("Header \"%1\" has an empty value; the network layer cannot send an empty "
                   "header, so it was left out")
                    .arg(QString::fromUtf8(header.name)));
    }
    if (std::count_if(handedOver.cbegin(), handedOver.cend(), [](const WireHeader& h) {
            return h.origin == HeaderOrigin::Request;
        }) < request.headers.size())
        m_exchange.warnings.append(
            tr("Repeated request headers were sent as one line each, values joined with \", \" "
               "(Qt sends one line per header name)"));
    for (const WireHeader& header : handedOver)
        networkRequest.setRawHeader(header.name, header.value);
    const bool withBody = sendsBody(request);
    completeWireForm(request);

    Hop hop;
    hop.request = request;
    hop.timings.started = QDateTime::currentDateTimeUtc();
    for (const QNetworkCookie& cookie : std::as_const(fromJar))
        hop.jarCookiesSent.append(cookie.name());
    m_exchange.hops.append(hop);
    m_hopClock.start();

    // Through a proxy, or directly (a manager-wide setting in Qt: set for each hop).
    const Result<QNetworkProxy> proxy = proxyFor(m_options, request.url);
    if (!proxy) {
        m_exchange.hops.last().error = {TransportErrorKind::Other, proxy.error().toString()};
        finish();
        return;
    }
    m_manager->setProxy(proxy.value());
    // Through an HTTP proxy a plain-http request names its whole URL (RFC 9112 3.2.2, absolute
    // form); https goes through a CONNECT tunnel and keeps the origin form.
    if (proxy.value().type() == QNetworkProxy::HttpProxy && request.url.scheme() == u"http")
        m_exchange.hops.last().request.target =
            request.url
                .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                          QUrl::RemoveUserInfo)
                .toEncoded(QUrl::FullyEncoded) +
            m_exchange.hops.last().request.target;
    if (proxy.value().type() != QNetworkProxy::NoProxy)
        m_exchange.hops.last().proxy =
            u"%1://%2:%3"_s
                .arg(proxy.value().type() == QNetworkProxy::Socks5Proxy ? u"socks5"_s : u"http"_s,
                     proxy.value().hostName())
                .arg(proxy.value().port());

    // Qt reports no DNS timing: Keyhole looks the name up itself first (Qt's host cache then
    // answers the network layer at once), so that the connect phase is the connect only. Through
    // a proxy the proxy resolves the name.
    const QString host = request.url.host();
    if (proxy.value().type() == QNetworkProxy::NoProxy && !host.isEmpty() &&
        QHostAddress(host).isNull()) {
        m_lookupId = QHostInfo::lookupHost(host, this,
                                           [this, networkRequest, method = request.method,
                                            body = request.body, withBody](const QHostInfo&) {
                                               m_lookupId = -1;
                                               m_exchange.hops.last().timings.dnsMs =
                                                   m_hopClock.nsecsElapsed() / 1e6;
                                               // (A failed lookup is the network layer's to report,
                                               // as without this step.)
                                               send(networkRequest, method, body, withBody);
                                           });
        return;
    }
    send(networkRequest, request.method, request.body, withBody);
}

void PendingExchange::send(const QNetworkRequest& networkRequest, const QByteArray& method,
                           const QByteArray& body, bool withBody)
{
    m_reply = withBody ? m_manager->sendCustomRequest(networkRequest, method, body)
                       : m_manager->sendCustomRequest(networkRequest, method);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        KH_ASSERT(m_reply && !m_exchange.hops.isEmpty(), return );
        TlsInfo& tls = m_exchange.hops.last().tls;
        for (const QSslError& error : errors)
            tls.errors.append(error.errorString());
        recordTls(m_reply);
        if (m_options.insecure)
            m_reply->ignoreSslErrors();
    });
    connect(m_reply, &QNetworkReply::socketStartedConnecting, this, [this] {
        if (!m_exchange.hops.isEmpty() && m_exchange.hops.last().timings.connectStartedMs < 0)
            m_exchange.hops.last().timings.connectStartedMs = m_hopClock.nsecsElapsed() / 1e6;
    });
    connect(m_reply, &QNetworkReply::requestSent, this, [this] {
        if (!m_exchange.hops.isEmpty())
            m_exchange.hops.last().timings.requestSentMs = m_hopClock.nsecsElapsed() / 1e6;
    });
    connect(m_reply, &QNetworkReply::encrypted, this, &PendingExchange::onEncrypted);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &PendingExchange::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &PendingExchange::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &PendingExchange::onReplyFinished);
}

void PendingExchange::onMetaData()
{
    KH_ASSERT(m_reply && !m_exchange.hops.isEmpty(), return );
    Hop& hop = m_exchange.hops.last();
    if (hop.timings.headersMs < 0)
        hop.timings.headersMs = m_hopClock.nsecsElapsed() / 1e6;
}

void PendingExchange::onEncrypted()
{
    KH_ASSERT(m_reply && !m_exchange.hops.isEmpty(), return );
    m_exchange.hops.last().timings.encryptedMs = m_hopClock.nsecsElapsed() / 1e6;
    recordTls(m_reply);
}

void PendingExchange::recordTls(QNetworkReply* reply)
{
    const QSslConfiguration configuration = reply->sslConfiguration();
    TlsInfo& tls = m_exchange.hops.last().tls;
    tls.used = true;
    const QSslCipher cipher = configuration.sessionCipher();
    if (!cipher.isNull()) {
        tls.cipher = cipher.name();
        tls.protocol = cipher.protocolString();
    }
    tls.peerChain.clear();
    for (const QSslCertificate& certificate : configuration.peerCertificateChain()) {
        CertificateInfo info;
        info.subject = certificate.subjectDisplayName();
        info.issuer = certificate.issuerDisplayName();
        info.notBefore = certificate.effectiveDate();
        info.notAfter = certificate.expiryDate();
        const auto names = certificate.subjectAlternativeNames();
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            info.subjectAlternativeNames.append(it.value());
        info.sha256 = certificate.digest(QCryptographicHash::Sha256).toHex();
        tls.peerChain.append(info);
    }
}

void PendingExchange::onReadyRead()
{
    KH_ASSERT(m_reply && !m_exchange.hops.isEmpty(), return );
    HopResponse& response = m_exchange.hops.last().response;
    response.body += m_reply->readAll();
    if (response.body.size() > m_options.maxBodyBytes &&
        m_abortReason == TransportErrorKind::None) {
        m_abortReason = TransportErrorKind::TooLarge;
        m_reply->abort();
    }
}

void PendingExchange::onReplyFinished()
{
    KH_ASSERT(m_reply && !m_exchange.hops.isEmpty(), return );
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();

    Hop& hop = m_exchange.hops.last();
    hop.timings.totalMs = m_hopClock.nsecsElapsed() / 1e6;
    hop.timings.connectionReused = hop.timings.connectStartedMs < 0 && hop.timings.headersMs >= 0;
    if (isTls(hop.request.url) && !hop.tls.used)
        recordTls(reply);
    if (m_abortReason != TransportErrorKind::TooLarge && reply->isOpen())
        hop.response.body += reply->readAll();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        HopResponse& response = hop.response;
        response.received = true;
        response.status = status.toInt();
        response.reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        response.httpVersion = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
                                   ? "HTTP/2"
                                   : "HTTP/1.1";
        response.headers = receivedHeaders(reply->rawHeaderPairs());
        if (m_options.cookieJar)
            keepCookies(hop);
        response.decodedBody = response.body;
        const QByteArray coding = Model::headerValue(response.headers, "Content-Encoding");
        if (!coding.isEmpty() && m_abortReason == TransportErrorKind::None) {
            Result<QByteArray> decoded = decodeContent(response.body, coding);
            if (decoded)
                response.decodedBody = std::move(decoded.value());
            else {
                response.decodeError = decoded.error().toString();
                m_exchange.warnings.append(
                    tr("The body could not be decoded (%1); it is shown as received")
                        .arg(response.decodeError));
            }
        }
    }

    const QNetworkReply::NetworkError error = reply->error();
    if (m_abortReason != TransportErrorKind::None) {
        QString message = reply->errorString();
        if (m_abortReason == TransportErrorKind::Timeout)
            message = tr("No complete answer within %1 ms").arg(m_options.timeoutMs);
        else if (m_abortReason == TransportErrorKind::TooLarge)
            message =
                tr("The response body exceeded the limit of %1 bytes").arg(m_options.maxBodyBytes);
        hop.error = {m_abortReason, message};
    } else if (error != QNetworkReply::NoError && !(status.isValid() && isHttpStatusError(error))) {
        hop.error = {kindOf(error), reply->errorString()};
    }

    if (!hop.error.isError() && (startRedirect() || answerChallenge()))
        return;
    finish();
}

bool PendingExchange::startRedirect()
{
    const Hop& previous = m_exchange.hops.last();
    const QByteArray location = Model::headerValue(previous.response.headers, "Location");
    if (!m_options.followRedirects || !isRedirect(previous.response.status) || location.isEmpty())
        return false;
    if (m_exchange.hops.size() > m_options.maxRedirects) {
        m_exchange.hops.last().error = {
            TransportErrorKind::Redirects,
            tr("More than %1 redirects; the last one (to %2) was not followed")
                .arg(m_options.maxRedirects)
                .arg(QString::fromUtf8(location))};
        return false;
    }

    HopRequest next = withoutJarCookies(previous);
    next.url = previous.request.url.resolved(QUrl(QString::fromUtf8(location), QUrl::TolerantMode));
    if (!next.url.isValid() ||
        (next.url.scheme() != u"http"_s && next.url.scheme() != u"https"_s)) {
        m_exchange.warnings.append(tr("Redirect to \"%1\" not followed: not an http(s) URL")
                                       .arg(QString::fromUtf8(location)));
        return false;
    }

    if (previous.request.url.scheme() == u"https"_s && next.url.scheme() == u"http"_s) {
        if (!m_options.allowDowngrade) {
            m_exchange.hops.last().error = {
                TransportErrorKind::Redirects,
                tr("Redirect from https to plain http (%1) not followed; allow downgrades to "
                   "follow it")
                    .arg(next.url.toDisplayString())};
            return false;
        }
        m_exchange.warnings.append(
            tr("Followed a redirect from https down to plain http: %1 was sent unencrypted")
                .arg(next.url.toDisplayString()));
    }

    QList<QPair<QByteArray, QString>> dropped;
    const int status = previous.response.status;
    const bool toGet = (status == 303 && next.method != "HEAD") ||
                       ((status == 301 || status == 302) && next.method == "POST");
    auto drop = [&](const QByteArray& name, const QString& reason) {
        for (qsizetype i = next.headers.size() - 1; i >= 0; --i) {
            if (next.headers[i].name.compare(name, Qt::CaseInsensitive) == 0) {
                dropped.append({next.headers[i].name, reason});
                next.headers.removeAt(i);
            }
        }
    };
    if (toGet) {
        const QString reason = tr("%1 turned %2 into GET without a body")
                                   .arg(status)
                                   .arg(QString::fromUtf8(next.method));
        next.method = "GET";
        next.body.clear();
        drop("Content-Type", reason);
        drop("Content-Length", reason);
    }
    const bool crossOrigin = origin(next.url) != origin(previous.request.url);
    if (crossOrigin && m_options.trustRedirects &&
        !Model::headerValue(next.headers, "Authorization").isNull())
        m_exchange.warnings.append(
            tr("Authorization sent on to %1 because redirects are trusted").arg(origin(next.url)));
    if (crossOrigin && !m_options.trustRedirects) {
        const QString reason = tr("not sent to another origin: %1 → %2")
                                   .arg(origin(previous.request.url), origin(next.url));
        drop("Authorization", reason);
        drop("Cookie", reason);
        drop("Proxy-Authorization", reason);
        // Any other header carrying a secret (an API key) stays with its origin too.
        QList<QByteArray> secretHeaders;
        for (const HeaderField& field : std::as_const(next.headers)) {
            for (const QByteArray& secret : std::as_const(m_exchange.secretValues)) {
                if (secret.size() >= kShortestMaskedSecret && field.value.contains(secret))
                    secretHeaders.append(field.name);
            }
        }
        for (const QByteArray& name : std::as_const(secretHeaders))
            drop(name, reason);
    }
    startHop(next);
    m_exchange.hops.last().cause = "redirect";
    m_exchange.hops.last().droppedHeaders = dropped;
    return true;
}

bool PendingExchange::answerChallenge()
{
    const Hop& previous = m_exchange.hops.last();
    // One answer per exchange: a 401 to the answer means the credentials are wrong, and asking
    // again would only repeat it.
    if (!m_digest || m_digestAnswers > 0 || previous.response.status != 401)
        return false;
    // A hash of the password goes only to the origin the request was for (a redirect to
    // another one could collect it for guessing), unless redirects are trusted.
    if (!m_options.trustRedirects &&
        origin(previous.request.url) != origin(m_exchange.hops.first().request.url)) {
        m_exchange.warnings.append(
            tr("Digest auth: %1 asked for credentials after a redirect to another origin; not "
               "answered (trust redirects to answer it)")
                .arg(origin(previous.request.url)));
        return false;
    }
    QList<Challenge> challenges;
    for (const HeaderField& field : previous.response.headers) {
        if (field.name.compare("WWW-Authenticate", Qt::CaseInsensitive) == 0)
            challenges += parseChallenges(field.value);
    }
    HopRequest next = withoutJarCookies(previous);
    Model::removeHeader(next.headers, "Authorization");
    const Auth::DigestInput input{
        next.method,        requestTarget(next.url),    next.body, m_digest->username,
        m_digest->password, Auth::randomDigestCnonce(), 1};
    // Servers list their challenges in order of preference: the first one Keyhole can answer.
    std::optional<Error> problem;
    for (const Challenge& challenge : Auth::digestChallenges(challenges)) {
        const Result<QByteArray> answer = Auth::digestAuthorization(challenge, input);
        if (!answer) {
            problem = problem.value_or(answer.error());
            continue;
        }
        ++m_digestAnswers;
        next.headers.prepend({"Authorization", answer.value()});
        startHop(next);
        m_exchange.hops.last().cause = "digest";
        return true;
    }
    m_exchange.warnings.append(
        problem ? tr("Digest auth: %1").arg(problem->toString())
                : tr("Digest auth: the server answered 401 without a Digest challenge to answer"));
    return false;
}

void PendingExchange::keepCookies(Hop& hop)
{
    QList<QByteArray> values;
    for (const HeaderField& field : std::as_const(hop.response.headers)) {
        if (field.name.compare("Set-Cookie", Qt::CaseInsensitive) != 0)
            continue;
        values.append(field.value);
        // Cookie values are credentials: masked wherever the exchange is shown or kept.
        for (const QNetworkCookie& cookie : QNetworkCookie::parseCookies(field.value))
            addCookieSecret(cookie.value());
    }
    if (!values.isEmpty())
        hop.jarCookiesStored = m_options.cookieJar->absorb(hop.request.url, values);
}

void PendingExchange::addCookieSecret(const QByteArray& value)
{
    // Secrets are masked as substrings everywhere: a short value ("dark", "true") would garble
    // every body it appears in. Session ids and tokens are longer.
    if (value.size() >= 8 && !m_exchange.secretValues.contains(value))
        m_exchange.secretValues.append(value);
}

void PendingExchange::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline->stop();
    emit finished(m_exchange);
    deleteLater();
}

Executor::Executor(QNetworkAccessManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{}

PendingExchange* Executor::execute(const Model::PreparedRequest& request,
                                   const ExecuteOptions& options)
{
    return new PendingExchange(m_manager, request, options, this);
}

QByteArray Executor::defaultUserAgent()
{
    return QByteArrayLiteral("Keyhole/" KEYHOLE_VERSION);
}

} // namespace Keyhole::Http
