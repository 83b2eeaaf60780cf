#include "core/interchange/import/CurlImport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

Error usage(const QString& where, const QString& message)
{
    return Error{u"curl.option"_s, message, where};
}

// Options whose only effect is on curl's own output or retries: accepted silently.
const QStringList kOutputFlags{u"-s"_s,
                               u"--silent"_s,
                               u"-S"_s,
                               u"--show-error"_s,
                               u"-v"_s,
                               u"--verbose"_s,
                               u"-i"_s,
                               u"--include"_s,
                               u"-f"_s,
                               u"--fail"_s,
                               u"--fail-with-body"_s,
                               u"-#"_s,
                               u"--progress-bar"_s,
                               u"--no-progress-meter"_s,
                               u"-N"_s,
                               u"--no-buffer"_s,
                               u"-O"_s,
                               u"--remote-name"_s,
                               u"--create-dirs"_s,
                               u"-g"_s,
                               u"--globoff"_s,
                               u"--compressed"_s,
                               u"--basic"_s,
                               u"--http1.1"_s,
                               u"-q"_s,
                               u"--disable"_s,
                               u"-Z"_s,
                               u"--parallel"_s,
                               u"--tr-encoding"_s};
const QStringList kOutputWithValue{u"-o"_s,
                                   u"--output"_s,
                                   u"-w"_s,
                                   u"--write-out"_s,
                                   u"-D"_s,
                                   u"--dump-header"_s,
                                   u"--stderr"_s,
                                   u"--trace"_s,
                                   u"--trace-ascii"_s,
                                   u"--retry"_s,
                                   u"--retry-delay"_s,
                                   u"--retry-max-time"_s,
                                   u"--connect-timeout"_s,
                                   u"--limit-rate"_s,
                                   u"--max-filesize"_s,
                                   u"-K"_s,
                                   u"--config"_s};
// Options that change the request in ways Keyhole does not reproduce yet: kept as warnings.
const QStringList kUnsupportedWithValue{u"--cacert"_s,         u"--capath"_s,     u"-T"_s,
                                        u"--upload-file"_s,    u"-r"_s,           u"--range"_s,
                                        u"--request-target"_s, u"-c"_s,           u"--cookie-jar"_s,
                                        u"--resolve"_s,        u"--connect-to"_s, u"--interface"_s};
const QStringList kUnsupportedFlags{
    u"--ntlm"_s,    u"--negotiate"_s, u"--anyauth"_s, u"--path-as-is"_s,          u"-0"_s,
    u"--http1.0"_s, u"--http3"_s,     u"-j"_s,        u"--junk-session-cookies"_s};

struct State {
    CurlRequest out;
    QString url;
    QStringList data;
    bool get = false;
    bool head = false;
    bool json = false;
    QString method;
    QList<Model::MultipartField> form;
    QString binaryFile; // a single --data-binary @file
    QString proxyUser;  // -U user:password, for the proxy
    bool digest = false;
    QString awsSigV4; // "aws:amz:REGION:SERVICE"
    QString certFile;
    QString keyFile;
    QString keyPassphrase;
    QString baseDir;
};

// A file named on the command line, relative to where the command runs.
QString relativeOrAbsolute(const State& state, const QString& name)
{
    return QFileInfo(name).isAbsolute() ? name : QDir(state.baseDir).filePath(name);
}

Result<QByteArray> readAt(const State& state, const QString& name, const QString& option)
{
    if (name == u"-")
        return usage(option, u"reading from standard input (@-) is not supported here"_s);
    const QString path = QFileInfo(name).isAbsolute() ? name : QDir(state.baseDir).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return usage(option + u" @"_s + name, file.errorString());
    return file.readAll();
}

// curl's --data-urlencode: unreserved characters kept, space as '+', the rest %XX.
QString urlEncoded(const QByteArray& bytes)
{
    return QString::fromLatin1(
        QUrl::toPercentEncoding(QString::fromUtf8(bytes)).replace("%20", "+"));
}

// --data-urlencode in all its forms.
Result<QString> dataUrlEncode(const State& state, const QString& value, const QString& option)
{
    const qsizetype equals = value.indexOf(u'=');
    const qsizetype at = value.indexOf(u'@');
    if (equals >= 0 && (at < 0 || equals < at)) {
        const QString name = value.left(equals);
        const QString encoded = urlEncoded(value.mid(equals + 1).toUtf8());
        return name.isEmpty() ? encoded : name + u'=' + encoded;
    }
    if (at >= 0) {
        Result<QByteArray> content = readAt(state, value.mid(at + 1), option);
        if (!content)
            return content.error();
        const QString name = value.left(at);
        return name.isEmpty() ? urlEncoded(content.value())
                              : name + u'=' + urlEncoded(content.value());
    }
    return urlEncoded(value.toUtf8());
}

Status formField(State& state, const QString& value, bool literal, const QString& option)
{
    const qsizetype equals = value.indexOf(u'=');
    if (equals <= 0)
        return usage(option + u' ' + value, u"expected name=value, name=@file or name=<file"_s);
    Model::MultipartField field;
    field.name = value.left(equals);
    QString content = value.mid(equals + 1);
    if (!literal && (content.startsWith(u'@') || content.startsWith(u'<'))) {
        const bool upload = content.startsWith(u'@');
        QStringList parts = content.mid(1).split(u';');
        const QString file = parts.takeFirst();
        for (const QString& part : std::as_const(parts)) {
            if (part.startsWith(u"type="_s))
                field.contentType = part.mid(5);
            else if (part.startsWith(u"filename="_s) && upload) {
                // filename="name" or filename=name, as curl takes it.
                QString name = part.mid(9);
                if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"'))
                    name = name.mid(1, name.size() - 2).replace(u"\\\""_s, u"\""_s);
                field.fileName = name;
            }
        }
        const QString path =
            QFileInfo(file).isAbsolute() ? file : QDir(state.baseDir).filePath(file);
        if (upload) {
            field.isFile = true;
            field.value = path;
        } else {
            Result<QByteArray> text = readAt(state, file, option);
            if (!text)
                return text.error();
            field.value = QString::fromUtf8(text.value());
        }
    } else {
        field.value = content;
        // -F 'name=text;type=text/plain': curl takes a type for text parts too.
        const qsizetype type = literal ? -1 : content.lastIndexOf(u";type="_s);
        if (type >= 0) {
            field.value = content.left(type);
            field.contentType = content.mid(type + 6).section(u';', 0, 0);
        }
    }
    state.form.append(field);
    return Success{};
}

bool hasHeader(const Model::RequestTemplate& request, const QString& name)
{
    return std::any_of(
        request.headers.cbegin(), request.headers.cend(),
        [&](const Model::KeyValue& h) { return h.name.compare(name, Qt::CaseInsensitive) == 0; });
}

Status header(State& state, const QString& value, const QString& option)
{
    if (value.startsWith(u'@')) {
        state.out.warnings.append(u"%1 @file: headers from a file are not read"_s.arg(option));
        return Success{};
    }
    const qsizetype colon = value.indexOf(u':');
    const qsizetype semicolon = value.indexOf(u';');
    if (semicolon > 0 && (colon < 0 || semicolon < colon) &&
        value.mid(semicolon + 1).trimmed().isEmpty()) {
        state.out.warnings.append(
            u"%1 %2: an empty header cannot be sent by the network layer; left out"_s.arg(option,
                                                                                          value));
        return Success{};
    }
    if (colon <= 0)
        return usage(option + u' ' + value, u"expected 'Name: value'"_s);
    const QString name = value.left(colon).trimmed();
    const QString headerValue = value.mid(colon + 1).trimmed();
    if (headerValue.isEmpty()) {
        // "Name:" removes one of curl's own headers.
        state.out.request.headers.removeIf([&](const Model::KeyValue& h) {
            return h.name.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (name.compare(u"User-Agent"_s, Qt::CaseInsensitive) == 0 ||
            name.compare(u"Accept"_s, Qt::CaseInsensitive) == 0)
            state.out.warnings.append(
                u"%1 %2 removes curl's header; Keyhole still sends its own"_s.arg(option, value));
        return Success{};
    }
    state.out.request.headers.append({name, headerValue, true});
    return Success{};
}

} // namespace

Result<CurlRequest> importCurl(const QString& command, const QString& baseDir)
{
    QString text = command.trimmed();
    if (text.startsWith(u"$ "_s))
        text = text.mid(2).trimmed();
    Result<QStringList> split = splitShellWords(text, guessDialect(text));
    if (!split)
        return split.error();
    QStringList words = split.value();
    if (!words.isEmpty() && words.first() == u"sudo")
        words.removeFirst();
    const QString program =
        words.isEmpty() ? QString() : QFileInfo(words.first()).fileName().toLower();
    if (program != u"curl" && program != u"curl.exe")
        return usage(u"argument 1"_s,
                     u"not a curl command (it starts with \"%1\")"_s.arg(words.value(0)));

    State state;
    state.baseDir = baseDir.isEmpty() ? QDir::currentPath() : baseDir;
    Model::RequestTemplate& request = state.out.request;
    request.name = u"Imported from curl"_s;

    // Expands "-sSLk" and "-XPOST" into separate options.
    QStringList arguments;
    const QString valueShorts = u"XHduAebFmoDwxEKrTUcy"_s;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString& word = words[i];
        if (word.startsWith(u'-') && !word.startsWith(u"--"_s) && word.size() > 2) {
            for (qsizetype k = 1; k < word.size(); ++k) {
                const QChar letter = word[k];
                arguments.append(u"-"_s + letter);
                if (valueShorts.contains(letter)) {
                    if (k + 1 < word.size())
                        arguments.append(word.mid(k + 1));
                    break;
                }
            }
        } else {
            arguments.append(word);
        }
    }

    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString option = arguments[i];
        auto value = [&]() -> Result<QString> {
            if (i + 1 >= arguments.size())
                return usage(option, u"missing its argument"_s);
            return arguments[++i];
        };
#define KH_VALUE(name)                                                                             \
    Result<QString> name##Result = value();                                                        \
    if (!name##Result)                                                                             \
        return name##Result.error();                                                               \
    const QString name = name##Result.value()

        if (!option.startsWith(u'-') || option == u"-") {
            if (state.url.isEmpty())
                state.url = option;
            else
                state.out.warnings.append(u"%1: only the first URL is imported"_s.arg(option));
        } else if (option == u"--url") {
            KH_VALUE(url);
            state.url = url;
        } else if (option == u"-X" || option == u"--request") {
            KH_VALUE(method);
            state.method = method;
        } else if (option == u"-H" || option == u"--header") {
            KH_VALUE(headerText);
            if (Status status = header(state, headerText, option); !status)
                return status.error();
        } else if (option == u"-d" || option == u"--data" || option == u"--data-ascii") {
            KH_VALUE(data);
            if (data.startsWith(u'@')) {
                Result<QByteArray> content = readAt(state, data.mid(1), option);
                if (!content)
                    return content.error();
                QByteArray bytes = content.value();
                bytes.replace("\r", "").replace("\n", ""); // -d @file strips line breaks, like curl
                state.data.append(QString::fromUtf8(bytes));
            } else {
                state.data.append(data);
            }
        } else if (option == u"--data-raw") {
            KH_VALUE(data);
            state.data.append(data);
        } else if (option == u"--data-binary" || option == u"--json") {
            KH_VALUE(data);
            state.json = state.json || option == u"--json";
            if (data.startsWith(u'@')) {
                Result<QByteArray> content = readAt(state, data.mid(1), option);
                if (!content)
                    return content.error();
                if (state.data.isEmpty() && state.binaryFile.isEmpty())
                    state.binaryFile = relativeOrAbsolute(state, data.mid(1));
                state.data.append(QString::fromUtf8(content.value()));
            } else {
                state.data.append(data);
            }
        } else if (option == u"--data-urlencode") {
            KH_VALUE(data);
            Result<QString> encoded = dataUrlEncode(state, data, option);
            if (!encoded)
                return encoded.error();
            state.data.append(encoded.value());
        } else if (option == u"-F" || option == u"--form" || option == u"--form-string") {
            KH_VALUE(field);
            if (Status status = formField(state, field, option == u"--form-string", option);
                !status)
                return status.error();
        } else if (option == u"-G" || option == u"--get") {
            state.get = true;
        } else if (option == u"-I" || option == u"--head") {
            state.head = true;
        } else if (option == u"-u" || option == u"--user") {
            KH_VALUE(user);
            request.auth.kind = Model::AuthKind::Basic;
            request.auth.username = user.section(u':', 0, 0);
            request.auth.password = user.section(u':', 1);
        } else if (option == u"--digest") {
            state.digest = true;
        } else if (option == u"--aws-sigv4") {
            KH_VALUE(provider);
            state.awsSigV4 = provider;
        } else if (option == u"-E" || option == u"--cert") {
            KH_VALUE(certificate);
            // curl's CERT[:PASSPHRASE] ("\:" is a literal colon).
            static const QRegularExpression unescapedColon(uR"((?<!\\):)"_s);
            const qsizetype colon = certificate.indexOf(unescapedColon);
            state.certFile = QString(colon < 0 ? certificate : certificate.left(colon))
                                 .replace(u"\\:"_s, u":"_s);
            if (colon >= 0)
                state.keyPassphrase = certificate.mid(colon + 1);
        } else if (option == u"--key") {
            KH_VALUE(key);
            state.keyFile = key;
        } else if (option == u"--pass") {
            KH_VALUE(passphrase);
            state.keyPassphrase = passphrase;
        } else if (option == u"--oauth2-bearer") {
            KH_VALUE(token);
            request.auth.kind = Model::AuthKind::Bearer;
            request.auth.prefix = u"Bearer"_s;
            request.auth.token = token;
        } else if (option == u"-b" || option == u"--cookie") {
            KH_VALUE(cookie);
            if (cookie.contains(u'='))
                request.headers.append({u"Cookie"_s, cookie, true});
            else
                state.out.warnings.append(
                    u"%1 %2: cookie files are not read"_s.arg(option, cookie));
        } else if (option == u"-A" || option == u"--user-agent") {
            KH_VALUE(agent);
            request.headers.append({u"User-Agent"_s, agent, true});
        } else if (option == u"-e" || option == u"--referer") {
            KH_VALUE(referer);
            QString cleaned = referer;
            if (cleaned.endsWith(u";auto"_s))
                cleaned.chop(5);
            if (!cleaned.isEmpty())
                request.headers.append({u"Referer"_s, cleaned, true});
        } else if (option == u"-L" || option == u"--location") {
            request.settings.followRedirects = true;
        } else if (option == u"--location-trusted") {
            request.settings.followRedirects = request.settings.trustRedirects = true;
        } else if (option == u"--max-redirs") {
            KH_VALUE(count);
            bool ok = false;
            const int most = count.toInt(&ok);
            if (!ok)
                return usage(option + u' ' + count, u"expected a number"_s);
            request.settings.maxRedirects = most < 0 ? 1000 : qMin(most, 1000); // -1: unlimited
        } else if (option == u"-x" || option == u"--proxy") {
            KH_VALUE(proxy);
            request.settings.proxy = proxy.isEmpty() ? u"none"_s : proxy; // -x "": none
        } else if (option == u"-U" || option == u"--proxy-user") {
            KH_VALUE(user);
            state.proxyUser = user;
        } else if (option == u"--noproxy") {
            KH_VALUE(hosts);
            request.settings.noProxy = hosts;
        } else if (option == u"-k" || option == u"--insecure") {
            request.settings.verifyTls = false;
        } else if (option == u"--http2" || option == u"--http2-prior-knowledge") {
            request.settings.http2 = true;
        } else if (option == u"-m" || option == u"--max-time") {
            KH_VALUE(seconds);
            bool ok = false;
            const double parsed = seconds.toDouble(&ok);
            if (!ok || !std::isfinite(parsed) || parsed <= 0 || parsed > 86400)
                return usage(option + u' ' + seconds,
                             u"expected a number of seconds (up to a day)"_s);
            request.settings.timeoutMs = qMax(1, static_cast<int>(parsed * 1000));
        } else if (kOutputFlags.contains(option)) {
            continue;
        } else if (kOutputWithValue.contains(option)) {
            KH_VALUE(ignored);
            Q_UNUSED(ignored);
        } else if (kUnsupportedFlags.contains(option)) {
            state.out.warnings.append(u"%1 is not supported yet; it was ignored"_s.arg(option));
        } else if (kUnsupportedWithValue.contains(option)) {
            KH_VALUE(ignored);
            state.out.warnings.append(
                u"%1 %2 is not supported yet; it was ignored"_s.arg(option, ignored));
        } else {
            state.out.warnings.append(u"unknown option %1 was ignored"_s.arg(option));
        }
#undef KH_VALUE
    }

    if (state.url.isEmpty())
        return usage(u"curl"_s, u"no URL in the command"_s);
    request.url = state.url;

    if (state.digest && request.auth.kind == Model::AuthKind::Basic)
        request.auth.kind = Model::AuthKind::Digest;
    if (!state.awsSigV4.isEmpty()) {
        // --aws-sigv4 "aws:amz:REGION:SERVICE" with -u ACCESS_KEY:SECRET_KEY
        const QStringList parts = state.awsSigV4.split(u':');
        request.auth.kind = Model::AuthKind::AwsSigV4;
        request.auth.awsAccessKey = request.auth.username;
        request.auth.awsSecretKey = request.auth.password;
        request.auth.username.clear();
        request.auth.password.clear();
        request.auth.awsRegion = parts.value(2);
        request.auth.awsService = parts.value(3);
        if (parts.size() < 4 || request.auth.awsAccessKey.isEmpty())
            state.out.warnings.append(
                u"--aws-sigv4 %1: expected \"aws:amz:REGION:SERVICE\" and -u KEY:SECRET; "
                "set the region, service and keys in the Auth tab"_s.arg(state.awsSigV4));
    }
    if (!state.certFile.isEmpty()) {
        request.auth.kind = Model::AuthKind::ClientCertificate;
        request.auth.certFile = relativeOrAbsolute(state, state.certFile);
        request.auth.keyFile =
            state.keyFile.isEmpty() ? QString() : relativeOrAbsolute(state, state.keyFile);
        request.auth.keyPassphrase = state.keyPassphrase;
    }

    const QString data = state.data.join(state.json ? QString() : u"&"_s);
    if (state.get && !state.data.isEmpty()) {
        request.url += (request.url.contains(u'?') ? u'&' : u'?') + data;
    } else if (!state.form.isEmpty()) {
        request.body.kind = Model::BodyKind::Multipart;
        request.body.multipart = state.form;
        if (!state.data.isEmpty())
            state.out.warnings.append(u"-d and -F together: the -d data was ignored"_s);
    } else if (!state.data.isEmpty()) {
        const QString type =
            state.json ? u"application/json"_s : u"application/x-www-form-urlencoded"_s;
        if (!state.binaryFile.isEmpty() && state.data.size() == 1) {
            request.body.kind = Model::BodyKind::BinaryFile;
            request.body.filePath = state.binaryFile;
        } else {
            request.body.kind = Model::BodyKind::Raw;
            request.body.text = data;
        }
        request.body.contentType = type;
        if (!hasHeader(request, u"Content-Type"_s))
            request.headers.append({u"Content-Type"_s, type, true});
        if (state.json && !hasHeader(request, u"Accept"_s))
            request.headers.append({u"Accept"_s, u"application/json"_s, true});
    }

    if (!state.method.isEmpty())
        request.method = state.method.toUpper();
    else if (state.head)
        request.method = u"HEAD"_s;
    else if (!state.get && (!state.data.isEmpty() || !state.form.isEmpty()))
        request.method = u"POST"_s;
    else
        request.method = u"GET"_s;
    // -U user:password goes into the proxy's URL.
    if (!state.proxyUser.isEmpty() && request.settings.proxy &&
        *request.settings.proxy != u"none") {
        QUrl proxy(request.settings.proxy->contains(u"://"_s)
                       ? *request.settings.proxy
                       : u"http://"_s + *request.settings.proxy);
        const qsizetype colon = state.proxyUser.indexOf(u':');
        proxy.setUserName(colon < 0 ? state.proxyUser : state.proxyUser.left(colon));
        if (colon >= 0)
            proxy.setPassword(state.proxyUser.mid(colon + 1));
        request.settings.proxy = proxy.toString();
    }
    // curl follows redirects only with -L; the imported request does what the command did.
    if (!request.settings.followRedirects)
        request.settings.followRedirects = false;
    return state.out;
}

} // namespace Keyhole::Interchange
