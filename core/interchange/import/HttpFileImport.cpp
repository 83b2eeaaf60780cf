#include "core/interchange/import/HttpFileImport.h"

#include "core/JsonReader.h"
#include "core/interchange/import/PostmanImport.h"
#include "core/interchange/import/ScriptExtractions.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>
#include <QUrl>

#include <map>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

// JetBrains' "@timeout 600" (seconds), "2 m", "500 ms", "30 s"; nothing when malformed.
std::optional<int> timeoutOf(const QString& text)
{
    static const QRegularExpression pattern(uR"(^(\d+(?:\.\d+)?)\s*(ms|s|m)?$)"_s);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QString unit = match.captured(2);
    const double scale = unit == u"ms" ? 1 : unit == u"m" ? 60'000 : 1000;
    const double ms = match.captured(1).toDouble() * scale;
    if (ms < 1 || ms > 24 * 3600 * 1000.0)
        return std::nullopt;
    return static_cast<int>(ms);
}

// A header name: an RFC 9110 token.
const QRegularExpression& headerLine()
{
    static const QRegularExpression pattern(uR"(^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)\s*$)"_s);
    return pattern;
}

bool isComment(const QString& trimmed)
{
    return trimmed.startsWith(u'#') || trimmed.startsWith(u"//"_s);
}

QString commentText(const QString& trimmed)
{
    return trimmed.mid(trimmed.startsWith(u'#') ? 1 : 2).trimmed();
}

const QRegularExpression& fileVariable()
{
    static const QRegularExpression pattern(uR"(^@([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$)"_s);
    return pattern;
}

// "GET https://x/y HTTP/1.1" → method and target; a bare URL is a GET.
struct RequestLine {
    QString method;
    QString target;
};

std::optional<RequestLine> requestLine(const QString& trimmed)
{
    static const QRegularExpression version(uR"(\s+HTTP/\d(?:\.\d)?$)"_s);
    static const QRegularExpression methodWord(uR"(^[A-Z][A-Z-]*$)"_s);
    static const QRegularExpression space(uR"(\s)"_s);
    QString line = trimmed;
    line.remove(version);
    const qsizetype gap = line.indexOf(space);
    if (gap > 0 && methodWord.match(line.left(gap)).hasMatch())
        return RequestLine{line.left(gap), line.mid(gap).trimmed()};
    if (gap < 0 && (line.contains(u"://"_s) || line.startsWith(u"{{"_s) || line.startsWith(u'/')))
        return RequestLine{u"GET"_s, line};
    return std::nullopt;
}

// JetBrains: `client.global.set("token", response.body.access)`,
// `client.global.set("session", response.headers.valueOf("X-Session"))`.
const ScriptDialect& jetBrainsScripts()
{
    static const QRegularExpression setter(
        uR"(client\.global\.set\(\s*["']([^"']+)["']\s*,\s*(.+?)\s*\)\s*(?:;|%\}|$))"_s,
        QRegularExpression::MultilineOption);
    static const QRegularExpression jsonSource(
        uR"(^response\.body((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[["'][^"']+["']\])*)$)"_s);
    static const QRegularExpression headerSource(
        uR"(^response\.headers\.valueOf\(\s*["']([^"']+)["']\s*\)$)"_s);
    static const ScriptDialect dialect{setter, jsonSource, headerSource};
    return dialect;
}

QString headerValue(const Model::KeyValueList& headers, const QString& name)
{
    for (const Model::KeyValue& header : headers)
        if (header.enabled && header.name.compare(name, Qt::CaseInsensitive) == 0)
            return header.value;
    return {};
}

void removeHeader(Model::KeyValueList& headers, const QString& name)
{
    headers.removeIf([&name](const Model::KeyValue& header) {
        return header.enabled && header.name.compare(name, Qt::CaseInsensitive) == 0;
    });
}

// One parameter of a header value: boundary=x or boundary="x".
QString headerParameter(const QString& value, const QString& name)
{
    const QRegularExpression pattern(u"(?:^|;)\\s*"_s + QRegularExpression::escape(name) +
                                         uR"re(\s*=\s*(?:"([^"]*)"|([^;\s]*)))re"_s,
                                     QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(value);
    return match.hasMatch() ? match.captured(1) + match.captured(2) : QString();
}

class HttpFileReader {
public:
    HttpFileReader(QString label, QString baseDir)
        : m_label(std::move(label))
        , m_baseDir(std::move(baseDir))
    {}

    QStringList warnings;
    Model::VariableList fileVariables;
    std::optional<Error> error;

    void warn(qsizetype line, const QString& message)
    {
        warnings.append(u"line %1: %2"_s.arg(line + 1).arg(message));
    }

    void fail(qsizetype line, qsizetype column, const QString& message)
    {
        if (!error)
            error = Error{u"import.http"_s, message,
                          u"%1:%2:%3"_s.arg(m_label).arg(line + 1).arg(column + 1)};
    }

    // The requests of the file, in order.
    std::vector<Model::RequestTemplate> read(const QStringList& lines)
    {
        std::vector<Model::RequestTemplate> requests;
        qsizetype start = 0;
        QString name;
        for (qsizetype i = 0; i <= lines.size() && !error; ++i) {
            if (i < lines.size() && !lines[i].startsWith(u"###"_s))
                continue;
            if (std::optional<Model::RequestTemplate> request = block(lines, start, i, name))
                requests.push_back(std::move(*request));
            if (i < lines.size())
                name = lines[i].mid(3).trimmed();
            start = i + 1;
        }
        return requests;
    }

    // The text of "< path": the path, relative to the file's directory when it has one.
    QString filePath(const QString& reference) const
    {
        const QString path = reference.trimmed();
        if (m_baseDir.isEmpty() || QFileInfo(path).isAbsolute() || path.startsWith(u"{{"_s))
            return path;
        return QDir::cleanPath(QDir(m_baseDir).absoluteFilePath(path));
    }

private:
    QString m_label;
    QString m_baseDir;

    std::optional<Model::RequestTemplate> block(const QStringList& lines, qsizetype begin,
                                                qsizetype end, QString name)
    {
        Model::RequestTemplate request;
        QString atName;
        QStringList description;
        qsizetype i = begin;
        for (; i < end; ++i) {
            const QString trimmed = lines[i].trimmed();
            if (trimmed.isEmpty())
                continue;
            if (trimmed.startsWith(u"< {%"_s) || trimmed.startsWith(u"<{%"_s) ||
                (trimmed.startsWith(u"< "_s) && trimmed.endsWith(u".js"_s))) {
                // A JetBrains pre-request script: kept as a warning, not run.
                const qsizetype first = i;
                while (i < end && !lines[i].contains(u"%}"_s) && !trimmed.endsWith(u".js"_s))
                    ++i;
                warn(first, u"the pre-request script is not run"_s);
                continue;
            }
            if (isComment(trimmed)) {
                const QString comment = commentText(trimmed);
                static const QRegularExpression tag(uR"(^@([\w-]+)\s*=?\s*(.*)$)"_s);
                if (const QRegularExpressionMatch match = tag.match(comment); match.hasMatch()) {
                    const QString tagName = match.captured(1);
                    if (tagName == u"name")
                        atName = match.captured(2).trimmed();
                    else if (tagName == u"no-redirect") // both clients
                        request.settings.followRedirects = false;
                    else if (tagName == u"timeout") // JetBrains: "600", "2 m", "500 ms"
                        request.settings.timeoutMs = timeoutOf(match.captured(2));
                    else
                        warn(i, u"the tag @%1 is not used by Keyhole"_s.arg(tagName));
                    if (tagName == u"timeout" && !request.settings.timeoutMs)
                        warn(i,
                             u"@timeout %1: expected a number of seconds, \"2 m\" or \"500 ms\""_s
                                 .arg(match.captured(2).trimmed()));
                } else {
                    description.append(comment);
                }
                continue;
            }
            if (const QRegularExpressionMatch match = fileVariable().match(trimmed);
                match.hasMatch()) {
                fileVariables.removeIf(
                    [&match](const Model::Variable& v) { return v.name == match.captured(1); });
                fileVariables.append({match.captured(1), match.captured(2), false, true});
                continue;
            }
            break;
        }
        if (i >= end)
            return std::nullopt; // comments and variables only
        const std::optional<RequestLine> line = requestLine(lines[i].trimmed());
        if (!line) {
            fail(i, lines[i].indexOf(lines[i].trimmed()),
                 u"expected a request line \"METHOD URL\""_s);
            return std::nullopt;
        }
        static const QStringList otherProtocols{u"WEBSOCKET"_s, u"GRAPHQL"_s, u"GRPC"_s};
        if (otherProtocols.contains(line->method)) {
            warn(i, u"%1 requests are not supported: not imported"_s.arg(line->method));
            return std::nullopt;
        }
        request.method = line->method;
        request.url = line->target;
        const qsizetype requestLineIndex = i;
        // Indented "?a=1", "&b=2" and "/path" lines continue the URL.
        for (++i; i < end; ++i) {
            const QString& text = lines[i];
            const QString trimmed = text.trimmed();
            if (text.isEmpty() || !text.at(0).isSpace() || trimmed.isEmpty() ||
                !(trimmed.startsWith(u'?') || trimmed.startsWith(u'&') || trimmed.startsWith(u'/')))
                break;
            request.url += trimmed;
        }
        for (; i < end; ++i) {
            const QString trimmed = lines[i].trimmed();
            if (trimmed.isEmpty())
                break;
            if (isComment(trimmed)) {
                // "# Name: value": a disabled header, as Keyhole's export writes it.
                const QRegularExpressionMatch match = headerLine().match(commentText(trimmed));
                if (match.hasMatch())
                    request.headers.append({match.captured(1), match.captured(2), false});
                continue;
            }
            if (trimmed.startsWith(u'>') || trimmed.startsWith(u"<>"_s))
                break; // a response handler right after the headers
            const QRegularExpressionMatch match = headerLine().match(trimmed);
            if (!match.hasMatch()) {
                fail(i, lines[i].indexOf(trimmed),
                     u"expected a header \"Name: value\" (a body needs an empty line before "
                     "it)"_s);
                return std::nullopt;
            }
            request.headers.append({match.captured(1), match.captured(2), true});
        }
        QStringList bodyLines;
        QStringList trailer;
        qsizetype trailerLine = -1;
        for (; i < end; ++i) {
            const QString& text = lines[i];
            if (trailerLine < 0 &&
                (text.startsWith(u'>') || text.startsWith(u"<>"_s))) // handler, output file
                trailerLine = i;
            (trailerLine >= 0 ? trailer : bodyLines).append(text);
        }
        while (!bodyLines.isEmpty() && bodyLines.first().trimmed().isEmpty())
            bodyLines.removeFirst();
        while (!bodyLines.isEmpty() && bodyLines.last().trimmed().isEmpty())
            bodyLines.removeLast();
        resolveRelativeTarget(request, requestLineIndex);
        authorization(request);
        body(request, bodyLines);
        if (trailerLine >= 0)
            responseHandler(request, trailer, trailerLine);

        request.name = !atName.isEmpty() ? atName : name;
        if (request.name.isEmpty()) {
            const QString path = QUrl(request.url).path();
            request.name = request.method + u' ' + (path.isEmpty() ? request.url : path);
        }
        request.description = description.join(u'\n');
        return request;
    }

    // "GET /api HTTP/1.1" + "Host: example.com": the URL is the host's.
    void resolveRelativeTarget(Model::RequestTemplate& request, qsizetype line)
    {
        if (!request.url.startsWith(u'/')) {
            if (!request.url.contains(u"://"_s) && !request.url.startsWith(u"{{"_s))
                request.url.prepend(u"http://"_s); // "localhost:8000/x", as both clients read it
            return;
        }
        const QString host = headerValue(request.headers, u"Host"_s);
        if (host.isEmpty()) {
            warn(line,
                 u"the URL \"%1\" has no host and there is no Host header"_s.arg(request.url));
            return;
        }
        const bool https = host.endsWith(u":443"_s);
        request.url =
            (https ? u"https://"_s : u"http://"_s) + (https ? host.chopped(4) : host) + request.url;
        removeHeader(request.headers, u"Host"_s);
    }

    // Both clients' shorthands: "Basic user pass", "Basic user:pass", "Digest user pass".
    static void authorization(Model::RequestTemplate& request)
    {
        const QString value = headerValue(request.headers, u"Authorization"_s);
        if (value.isEmpty())
            return;
        static const QRegularExpression space(uR"(\s+)"_s);
        const QStringList words = value.split(space, Qt::SkipEmptyParts);
        const QString scheme = words.value(0);
        Model::AuthConfig& auth = request.auth;
        if ((scheme.compare(u"Basic"_s, Qt::CaseInsensitive) == 0 ||
             scheme.compare(u"Digest"_s, Qt::CaseInsensitive) == 0) &&
            (words.size() == 3 || (words.size() == 2 && words[1].contains(u':')))) {
            auth.kind = scheme.compare(u"Basic"_s, Qt::CaseInsensitive) == 0
                            ? Model::AuthKind::Basic
                            : Model::AuthKind::Digest;
            auth.username = words.size() == 3 ? words[1] : words[1].section(u':', 0, 0);
            auth.password = words.size() == 3 ? words[2] : words[1].section(u':', 1);
        } else if (words.size() == 2 &&
                   QStringList{u"Bearer"_s, u"Token"_s, u"JWT"_s}.contains(scheme)) {
            auth.kind = Model::AuthKind::Bearer;
            auth.prefix = scheme;
            auth.token = words[1];
        } else {
            return;
        }
        removeHeader(request.headers, u"Authorization"_s);
    }

    void body(Model::RequestTemplate& request, const QStringList& lines)
    {
        if (lines.isEmpty())
            return;
        const QString contentType = headerValue(request.headers, u"Content-Type"_s);
        const QString mimeType = contentType.section(u';', 0, 0).trimmed().toLower();
        Model::Body& body = request.body;
        static const QRegularExpression fileReference(uR"(^<@?\s+(\S.*)$)"_s);
        if (lines.size() == 1) {
            if (const QRegularExpressionMatch file = fileReference.match(lines[0].trimmed());
                file.hasMatch()) {
                body.kind = Model::BodyKind::BinaryFile;
                body.filePath = filePath(file.captured(1));
                body.contentType = contentType;
                removeHeader(request.headers, u"Content-Type"_s);
                return;
            }
        }
        if (mimeType == u"multipart/form-data" && multipart(request, lines, contentType))
            return;
        if (mimeType == u"application/x-www-form-urlencoded") {
            // REST Client lets a form continue on lines starting with "&".
            QString joined;
            for (const QString& line : lines)
                joined += line.trimmed();
            body.kind = Model::BodyKind::FormUrlEncoded;
            for (Model::KeyValue pair : queryPairs(joined)) {
                pair.name = QUrl::fromPercentEncoding(pair.name.replace(u'+', u' ').toUtf8());
                pair.value = QUrl::fromPercentEncoding(pair.value.replace(u'+', u' ').toUtf8());
                body.form.append(pair);
            }
            // Keyhole writes the form's type itself; a charset parameter stays as written.
            if (contentType.compare(u"application/x-www-form-urlencoded"_s, Qt::CaseInsensitive) ==
                0)
                removeHeader(request.headers, u"Content-Type"_s);
            return;
        }
        body.kind = Model::BodyKind::Raw;
        body.text = lines.join(u'\n');
        body.contentType = contentType;
        removeHeader(request.headers, u"Content-Type"_s);
    }

    bool multipart(Model::RequestTemplate& request, const QStringList& lines,
                   const QString& contentType)
    {
        const QString boundary = headerParameter(contentType, u"boundary"_s);
        if (boundary.isEmpty())
            return false;
        const QString delimiter = u"--"_s + boundary;
        QList<Model::MultipartField> fields;
        std::optional<qsizetype> partStart;
        auto finishPart = [&](qsizetype partEnd) {
            if (!partStart)
                return;
            Model::MultipartField field;
            qsizetype j = *partStart;
            for (; j < partEnd && !lines[j].trimmed().isEmpty(); ++j) {
                const QRegularExpressionMatch header = headerLine().match(lines[j].trimmed());
                if (!header.hasMatch())
                    continue;
                if (header.captured(1).compare(u"Content-Disposition"_s, Qt::CaseInsensitive) ==
                    0) {
                    field.name = headerParameter(header.captured(2), u"name"_s);
                    field.isFile = !headerParameter(header.captured(2), u"filename"_s).isEmpty();
                } else if (header.captured(1).compare(u"Content-Type"_s, Qt::CaseInsensitive) ==
                           0) {
                    field.contentType = header.captured(2);
                }
            }
            const QString content =
                j + 1 < partEnd ? lines.mid(j + 1, partEnd - j - 1).join(u'\n') : QString();
            static const QRegularExpression fileReference(uR"(^<@?\s+(\S.*)$)"_s);
            if (const QRegularExpressionMatch file = fileReference.match(content.trimmed());
                file.hasMatch()) {
                field.isFile = true;
                field.value = filePath(file.captured(1));
            } else {
                field.isFile = false;
                field.value = content;
            }
            fields.append(field);
        };
        for (qsizetype j = 0; j < lines.size(); ++j) {
            const QString trimmed = lines[j].trimmed();
            if (trimmed == delimiter || trimmed == delimiter + u"--"_s) {
                finishPart(j);
                partStart = trimmed == delimiter ? std::optional<qsizetype>(j + 1) : std::nullopt;
            }
        }
        if (fields.isEmpty())
            return false;
        request.body.kind = Model::BodyKind::Multipart;
        request.body.multipart = fields;
        // Keyhole writes its own boundary.
        removeHeader(request.headers, u"Content-Type"_s);
        return true;
    }

    void responseHandler(Model::RequestTemplate& request, const QStringList& trailer,
                         qsizetype line)
    {
        const QString text = trailer.join(u'\n');
        const QStringList saved =
            extractionsFromScript(text, jetBrainsScripts(), request.extractions);
        QString message = u"response handler and output redirection are not run"_s;
        if (!saved.isEmpty())
            message +=
                u"; saving %1 from the response became an extraction"_s.arg(saved.join(u", "_s));
        warn(line, message);
        request.preserved.insert(u"http"_s, QJsonObject{{u"responseHandler"_s, text}});
    }
};

// {{$uuid}} → {{$guid}}, {{$processEnv X}} → {{X}}; REST Client request variables
// {{login.response.body.$.token}} → {{login_token}} plus an extraction on "login".
void mapVariables(std::vector<Model::RequestTemplate>& requests, Model::VariableList& fileVariables,
                  QStringList& warnings)
{
    QHash<QString, qsizetype> named;
    for (qsizetype i = 0; i < static_cast<qsizetype>(requests.size()); ++i)
        named.insert(requests[static_cast<size_t>(i)].name, i);
    static const QRegularExpression reference(uR"(\{\{\s*([^{}]*?)\s*\}\})"_s);
    static const QRegularExpression requestVariable(
        uR"(^([\w-]+)\.response\.(body|headers)\.(.+)$)"_s);
    static const QRegularExpression unsafe(uR"(\W+)"_s);
    auto mapOne = [&](const QString& inner, bool credential, const QString& place) -> QString {
        static const QHash<QString, QString> dynamic{
            {u"$uuid"_s, u"$guid"_s},
            {u"$random.uuid"_s, u"$guid"_s},
            {u"$guid"_s, u"$guid"_s},
            {u"$timestamp"_s, u"$timestamp"_s},
            {u"$isoTimestamp"_s, u"$isoTimestamp"_s},
            {u"$datetime iso8601"_s, u"$isoTimestamp"_s},
            {u"$randomInt"_s, u"$randomInt"_s},
            {u"$random.integer"_s, u"$randomInt"_s},
        };
        if (inner.startsWith(u'$')) {
            if (dynamic.contains(inner))
                return dynamic.value(inner);
            const QString word = inner.section(u' ', 0, 0);
            if (word == u"$processEnv" || word == u"$dotenv") {
                const QString name = inner.section(u' ', 1).trimmed().remove(u'%');
                warnings.append(u"%1: {{%2}} became {{%3}}: set it in an environment"_s.arg(
                    place, inner, name));
                return name;
            }
            if (word == u"$randomInt" || word.startsWith(u"$random.integer"_s)) {
                warnings.append(
                    u"%1: {{%2}} became {{$randomInt}} (0 to 1000)"_s.arg(place, inner));
                return u"$randomInt"_s;
            }
            warnings.append(u"%1: {{%2}} is not a dynamic value Keyhole knows"_s.arg(place, inner));
            return inner;
        }
        const QRegularExpressionMatch match = requestVariable.match(inner);
        if (!match.hasMatch() || !named.contains(match.captured(1)))
            return inner;
        Model::RequestTemplate& source =
            requests[static_cast<size_t>(named.value(match.captured(1)))];
        Model::Extraction extraction;
        QString path = match.captured(3);
        if (match.captured(2) == u"headers") {
            extraction.from = Model::Extraction::Source::Header;
        } else if (path.startsWith(u"$."_s)) {
            path.remove(0, 2);
        } else {
            warnings.append(
                u"%1: {{%2}} (a whole body or an XPath) cannot be extracted"_s.arg(place, inner));
            return inner;
        }
        extraction.path = path;
        extraction.variable =
            match.captured(1) + u'_' + QString(path.section(u'.', -1)).replace(unsafe, u"_"_s);
        extraction.secret = credential || looksSecret(extraction.variable);
        auto same = [&extraction](const Model::Extraction& e) {
            return e.variable == extraction.variable;
        };
        auto existing = std::find_if(source.extractions.begin(), source.extractions.end(), same);
        if (existing == source.extractions.end())
            source.extractions.append(extraction);
        else
            existing->secret = existing->secret || extraction.secret;
        return extraction.variable;
    };
    auto map = [&](const QString& text, bool credential, const QString& place) {
        return replaceMatches(text, reference, [&](const QRegularExpressionMatch& match) {
            return QString(u"{{"_s + mapOne(match.captured(1), credential, place) + u"}}"_s);
        });
    };
    for (Model::RequestTemplate& request : requests) {
        const QString place = request.name;
        rewriteTexts(request, [&](const QString& text, bool credential) {
            return map(text, credential, place);
        });
    }
    // "@authToken = {{login.response.headers.X-AuthToken}}" (REST Client's own example).
    for (Model::Variable& variable : fileVariables)
        variable.value = map(variable.value, looksSecret(variable.name), u"@"_s + variable.name);
}

// JetBrains environment files beside the .http file: public values, and private ones
// (secrets). "$shared" values go into every environment.
Result<std::vector<Model::Environment>> environmentFiles(const QString& baseDir,
                                                         QStringList& warnings)
{
    std::map<QString, Model::Environment> byName;
    Model::VariableList shared;
    for (const bool secret : {false, true}) {
        const QString name = secret ? u"http-client.private.env.json"_s : u"http-client.env.json"_s;
        QFile file(QDir(baseDir).absoluteFilePath(name));
        if (!file.exists())
            continue;
        if (!file.open(QIODevice::ReadOnly))
            return Error{u"import.http"_s, file.errorString(), file.fileName()};
        JsonReader reader(name, u"import.http"_s);
        const QJsonObject root = reader.parseObject(file.read(16 * 1024 * 1024));
        if (reader.failed())
            return reader.error();
        for (auto env = root.begin(); env != root.end(); ++env) {
            const QString path = u"$."_s + env.key();
            const QJsonObject values = reader.object(env.value(), path);
            if (reader.failed())
                return reader.error();
            Model::VariableList& variables =
                env.key() == u"$shared" ? shared : byName[env.key()].variables;
            byName[env.key()].name = env.key();
            for (auto value = values.begin(); value != values.end(); ++value) {
                if (value->isObject() || value->isArray()) {
                    warnings.append(
                        u"%1 %2.%3: settings are not imported"_s.arg(name, path, value.key()));
                    continue;
                }
                const QString text =
                    value->isString() ? value->toString() : value->toVariant().toString();
                variables.removeIf(
                    [&value](const Model::Variable& v) { return v.name == value.key(); });
                variables.append({value.key(), text, secret || looksSecret(value.key()), true});
            }
        }
    }
    byName.erase(u"$shared"_s);
    std::vector<Model::Environment> environments;
    for (auto& [name, environment] : byName) {
        for (const Model::Variable& variable : shared) {
            if (!std::any_of(
                    environment.variables.begin(), environment.variables.end(),
                    [&variable](const Model::Variable& v) { return v.name == variable.name; }))
                environment.variables.append(variable);
        }
        environments.push_back(std::move(environment));
    }
    return environments;
}

// The text, or the line whose bytes are not UTF-8.
Result<QString> decode(const QByteArray& bytes, const QString& label)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    if (!decoder.hasError()) {
        if (text.startsWith(QChar(0xfeff)))
            text.remove(0, 1);
        return text;
    }
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QStringDecoder line(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = line(lines[i]); // decoding is lazy: convert to check
        Q_UNUSED(decoded)
        if (line.hasError())
            return Error{u"import.http"_s, u"this line is not UTF-8 text"_s,
                         u"%1:%2"_s.arg(label).arg(i + 1)};
    }
    return Error{u"import.http"_s, u"not UTF-8 text"_s, label};
}

} // namespace

bool looksLikeHttpFile(const QByteArray& text)
{
    const QString head = QString::fromUtf8(text.left(64 * 1024));
    for (const QString& raw : head.split(u'\n')) {
        const QString trimmed = raw.trimmed();
        if (trimmed.startsWith(u"###"_s))
            return true;
        if (trimmed.isEmpty() || isComment(trimmed) || fileVariable().match(trimmed).hasMatch())
            continue;
        const std::optional<RequestLine> line = requestLine(trimmed);
        return line && (line->target.contains(u"://"_s) || line->target.startsWith(u"{{"_s) ||
                        line->target.startsWith(u'/'));
    }
    return false;
}

Result<ImportResult> importHttpFile(const QByteArray& bytes, const QString& fileLabel,
                                    const QString& baseDir)
{
    Result<QString> text = decode(bytes, fileLabel);
    if (!text)
        return text.error();
    QStringList lines = text.value().split(u'\n');
    for (QString& line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
    }
    HttpFileReader reader(fileLabel, baseDir);
    std::vector<Model::RequestTemplate> requests = reader.read(lines);
    if (reader.error)
        return *reader.error;
    ImportResult result;
    result.format = u"HTTP file"_s;
    result.warnings = reader.warnings;
    mapVariables(requests, reader.fileVariables, result.warnings);
    Model::Folder folder;
    const QFileInfo info(fileLabel);
    const QString suffix = info.suffix().toLower();
    folder.name =
        (suffix == u"http" || suffix == u"rest") ? info.completeBaseName() : u"HTTP requests"_s;
    folder.variables = reader.fileVariables;
    for (Model::RequestTemplate& request : requests)
        folder.requests.push_back({{}, std::move(request)});
    if (folder.requests.empty())
        result.warnings.append(u"no requests in this file"_s);
    if (!baseDir.isEmpty()) {
        Result<std::vector<Model::Environment>> environments =
            environmentFiles(baseDir, result.warnings);
        if (!environments)
            return environments.error();
        result.environments = std::move(environments.value());
    }
    result.collection = std::move(folder);
    return result;
}

} // namespace Keyhole::Interchange
