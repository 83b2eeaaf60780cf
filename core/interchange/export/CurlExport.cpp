#include "core/interchange/export/CurlExport.h"

#include "core/interchange/export/CodeSnippets.h"

#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

QString shellVariableFor(const QString& name)
{
    static const QRegularExpression invalid(u"[^A-Za-z0-9_]"_s);
    QString variable = name.toUpper();
    variable.replace(invalid, u"_"_s);
    if (variable.isEmpty() || variable.front().isDigit())
        variable.prepend(u'_');
    return variable;
}

namespace {

// One shell word of literal bytes: '…' when printable, $'…' with escapes otherwise.
QString quoteLiteral(const QByteArray& bytes)
{
    bool plain = true;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n') || u == 0x7f) {
            plain = false;
            break;
        }
    }
    if (plain && QString::fromUtf8(bytes).toUtf8() == bytes) {
        QString text = QString::fromUtf8(bytes);
        text.replace(u"'"_s, u"'\\''"_s);
        return u'\'' + text + u'\'';
    }
    // $'…': control bytes escaped; valid UTF-8 text stays readable; other bytes as \xHH.
    const QString text = QString::fromUtf8(bytes);
    const bool utf8 = text.toUtf8() == bytes;
    QString out = u"$'"_s;
    auto escapeByte = [&](uint u) {
        out += u"\\x"_s + QString::number(u, 16).rightJustified(2, u'0');
    };
    if (utf8) {
        for (const QChar c : text) {
            const char16_t u = c.unicode();
            if (u == u'\\')
                out += u"\\\\"_s;
            else if (u == u'\'')
                out += u"\\'"_s;
            else if (u == u'\n')
                out += u"\\n"_s;
            else if (u == u'\r')
                out += u"\\r"_s;
            else if (u == u'\t')
                out += u"\\t"_s;
            else if (u < 0x20 || u == 0x7f)
                escapeByte(u);
            else
                out += c;
        }
        return out + u'\'';
    }
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\')
            out += u"\\\\"_s;
        else if (c == '\'')
            out += u"\\'"_s;
        else if (u < 0x20 || u >= 0x7f)
            escapeByte(u);
        else
            out += QLatin1Char(c);
    }
    return out + u'\'';
}

} // namespace

QString shellWord(const QByteArray& bytes, const QList<NamedSecret>& secrets)
{
    QString out;
    for (const SecretPart& part : splitSecrets(bytes, secrets))
        out += part.secret ? u"\"${"_s + shellVariableFor(part.secret->name) + u"}\""_s
                           : quoteLiteral(part.literal);
    return out.isEmpty() ? quoteLiteral({}) : out;
}

Result<QString> exportCurl(const Model::Workspace& workspace, const Model::Folder& selection,
                           const Model::Environment* environment, bool includeSecrets,
                           QStringList& warnings)
{
    return exportSnippets(workspace, selection, environment, includeSecrets, SnippetLanguage::Curl,
                          warnings);
}

QString curlCommand(const Model::PreparedRequest& request, const CurlExportOptions& options)
{
    QStringList lines{u"curl"_s};
    const QByteArray method = request.method.toUpper();
    const QString url = request.url.toString(QUrl::FullyEncoded);
    if (method == "HEAD")
        lines.append(u"--head"_s);
    else if (!(method == "GET" && request.body.isEmpty()) &&
             !(method == "POST" && !request.body.isEmpty()))
        lines.append(u"-X "_s + quoteLiteral(method));
    static const QRegularExpression globbing(u"[\\[\\]{}]"_s);
    if (globbing.match(url).hasMatch())
        lines.append(u"--globoff"_s);
    if (url.contains(u"/./"_s) || url.contains(u"/../"_s) || url.endsWith(u"/."_s) ||
        url.endsWith(u"/.."_s))
        lines.append(u"--path-as-is"_s);
    lines.append(shellWord(url.toUtf8(), options.secrets));
    for (const Model::HeaderField& header : request.headers) {
        const QByteArray lower = header.name.toLower();
        if (lower == "host" || lower == "content-length")
            continue;
        if (lower == "authorization" && header.value.startsWith("Basic ") &&
            !options.secrets.isEmpty()) {
            // A Basic header built from a secret shows it only base64-encoded: give curl the
            // credentials instead, with the secret as a variable.
            const QByteArray credentials = QByteArray::fromBase64(header.value.mid(6).trimmed());
            bool hasSecret = false;
            for (const NamedSecret& secret : options.secrets)
                hasSecret =
                    hasSecret || (!secret.value.isEmpty() && credentials.contains(secret.value));
            if (hasSecret && credentials.contains(':')) {
                lines.append(u"-u "_s + shellWord(credentials, options.secrets));
                continue;
            }
        }
        // "Name;" is curl's spelling of a header with an empty value.
        const QByteArray line = header.value.isEmpty()
                                    ? QByteArray(header.name + ';')
                                    : QByteArray(header.name + ": " + header.value);
        lines.append(u"-H "_s + shellWord(line, options.secrets));
    }
    if (request.digest) {
        // curl answers the server's challenge itself.
        lines.append(u"--digest"_s);
        lines.append(u"-u "_s + shellWord(request.digest->username + ':' + request.digest->password,
                                          options.secrets));
    }
    QString input;
    if (request.body.contains('\0')) {
        // A shell word cannot hold a NUL byte: printf writes the body, curl reads it from stdin.
        QString escaped;
        for (const char c : request.body) {
            const auto u = static_cast<unsigned char>(c);
            if (u >= 0x20 && u < 0x7f && c != '\'' && c != '\\' && c != '%')
                escaped += QLatin1Char(c);
            else
                escaped += u'\\' + QString::number(u, 8).rightJustified(3, u'0');
        }
        input = u"printf '"_s + escaped + u"' | "_s;
        lines.append(u"--data-binary @-"_s);
    } else if (!request.body.isEmpty()) {
        lines.append(u"--data-raw "_s + shellWord(request.body, options.secrets));
    }
    // The request's settings, in curl's words; Keyhole follows redirects unless told not to.
    const Model::RequestSettings& settings = request.settings;
    if (settings.followRedirects != false) {
        lines.append(settings.trustRedirects == true ? u"--location-trusted"_s : u"-L"_s);
        if (settings.maxRedirects) // (curl's own cap is 50, Keyhole's 20)
            lines.append(u"--max-redirs %1"_s.arg(*settings.maxRedirects));
    }
    if (settings.verifyTls == false)
        lines.append(u"-k"_s);
    if (settings.http2 == true)
        lines.append(u"--http2"_s);
    if (settings.timeoutMs)
        lines.append(u"-m "_s + QString::number(*settings.timeoutMs / 1000.0, 'g', 10));
    // curl, too, reads HTTP_PROXY and friends by itself: only a set proxy is written.
    if (settings.proxy && *settings.proxy != u"system")
        lines.append(u"-x "_s +
                     shellWord(*settings.proxy == u"none" ? QByteArray() : settings.proxy->toUtf8(),
                               options.secrets));
    if (settings.noProxy)
        lines.append(u"--noproxy "_s + shellWord(settings.noProxy->toUtf8()));
    return input + lines.join(u" \\\n  "_s);
}

} // namespace Keyhole::Interchange
