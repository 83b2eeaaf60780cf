#include "core/http/BodyPreview.h"

#include <QJsonDocument>
#include <QStringDecoder>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Http {
namespace {

constexpr qsizetype kHexLimit = 64 * 1024;

QString hexDump(const QByteArray& bytes)
{
    QString out;
    out.reserve(bytes.size() * 4);
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        const QByteArray line = bytes.mid(offset, 16);
        out += u"%1  "_s.arg(offset, 8, 16, QLatin1Char('0'));
        for (qsizetype i = 0; i < 16; ++i)
            out += i < line.size()
                       ? u"%1 "_s.arg(static_cast<uchar>(line[i]), 2, 16, QLatin1Char('0'))
                       : u"   "_s;
        out += u' ';
        for (char c : line)
            out += (c >= 0x20 && c < 0x7f) ? QChar(QLatin1Char(c)) : QChar(u'.');
        out += u'\n';
    }
    return out;
}

} // namespace

QByteArray indentJson(QByteArrayView json, const std::atomic_bool* stop)
{
    // Indentation stops growing past this depth: each level indents every line below it, so
    // a hostile "[[[[…" body would otherwise print quadratically many spaces.
    constexpr int kDeepestIndent = 32;
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    int depth = 0;
    bool inString = false;
    bool ended = false; // the top-level value is complete: only white space may follow
    auto newline = [&] {
        out += '\n';
        out.append(static_cast<qsizetype>(std::clamp(depth, 0, kDeepestIndent) * 4), ' ');
    };
    // Outside strings JSON has only these bytes: anything else (a log's "[INFO] …", NDJSON's
    // second value) means it is not one JSON document, and it is shown as received instead.
    static const QByteArrayView kTokens("{}[],:0123456789-+.eE truefalsn\t\r\n\"");
    for (qsizetype i = 0; i < json.size(); ++i) {
        if ((i & 0xFFFFF) == 0 && stop && *stop)
            return {};
        const char c = json[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size())
                out += json[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        if (!kTokens.contains(c) || (ended && c != ' ' && c != '\t' && c != '\r' && c != '\n'))
            return {};
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            // Keep empty containers on one line.
            qsizetype next = i + 1;
            while (next < json.size() && QByteArrayView(" \t\r\n").contains(json[next]))
                ++next;
            if (next < json.size() && (json[next] == '}' || json[next] == ']')) {
                out += c;
                out += json[next];
                i = next;
                ended = depth == 0;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            if (--depth < 0)
                return {};
            newline();
            out += c;
            ended = depth == 0;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        case ' ':
        case '\t':
        case '\r':
        case '\n':
            break;
        default:
            out += c;
        }
    }
    if (depth != 0 || inString)
        return {};
    return out;
}

BodyPreview previewBody(const QByteArray& body, const QByteArray& contentType, qsizetype limit)
{
    BodyPreview preview;
    if (body.isEmpty())
        return preview;
    const QByteArray type = contentType.toLower();
    const QByteArray shown = body.left(limit);
    preview.truncated = body.size() > limit;

    const QByteArray start = body.left(64).trimmed();
    const bool jsonLike = type.contains("json") ||
                          (type.isEmpty() && (start.startsWith('{') || start.startsWith('[')));
    if (jsonLike && !preview.truncated) {
        QJsonParseError error;
        QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError) {
            preview.kind = BodyPreview::Kind::Json;
            preview.text = QString::fromUtf8(indentJson(body));
            return preview;
        }
    }

    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(shown);
    // A cut in the middle of a multi-byte sequence at the limit is not an encoding error.
    const bool invalid = decoder.hasError() && !preview.truncated;
    if (invalid || shown.contains('\0')) {
        preview.kind = BodyPreview::Kind::Binary;
        preview.truncated = body.size() > kHexLimit;
        preview.text = hexDump(body.left(kHexLimit));
        return preview;
    }
    preview.kind = BodyPreview::Kind::Text;
    preview.text = std::move(text);
    return preview;
}

BodyKind sniffBody(QByteArrayView body, const QByteArray& contentType)
{
    if (body.isEmpty())
        return BodyKind::Empty;
    // The start decides: a sample cut at its last line end (not inside a UTF-8 sequence).
    QByteArrayView sample = body.first(std::min<qsizetype>(body.size(), kHexLimit));
    if (sample.size() < body.size()) {
        // Not inside a UTF-8 sequence: back to the start of the last character, which is left
        // out (a minified body has no line end to cut at).
        qsizetype end = sample.size();
        while (end > 0 && (static_cast<uchar>(sample[end - 1]) & 0xC0) == 0x80)
            --end;
        if (end > 0 && static_cast<uchar>(sample[end - 1]) >= 0xC0)
            --end;
        sample = sample.first(end);
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)decoder.decode(sample);
    if (decoder.hasError() || sample.contains('\0'))
        return BodyKind::Binary;
    const QByteArrayView start = sample.first(std::min<qsizetype>(sample.size(), 64)).trimmed();
    const QByteArray type = contentType.toLower();
    return type.contains("json") || start.startsWith('{') || start.startsWith('[') ? BodyKind::Json
                                                                                   : BodyKind::Text;
}

QString formatSize(qint64 bytes)
{
    if (bytes < 1024)
        return u"%1 B"_s.arg(bytes);
    if (bytes < 1024 * 1024)
        return u"%1 KB"_s.arg(bytes / 1024.0, 0, 'f', 1);
    return u"%1 MB"_s.arg(bytes / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace Keyhole::Http
