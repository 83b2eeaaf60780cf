#include "core/interchange/import/ShellWords.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

// Collects words: characters join the current word; unquoted whitespace ends it. A quoted
// empty string ("") still makes a word, hence `started`.
struct Words {
    QStringList list;
    QString word;
    bool started = false;

    void add(QChar c)
    {
        word += c;
        started = true;
    }
    void add(const QString& text)
    {
        word += text;
        started = true;
    }
    void start() { started = true; }
    void end()
    {
        if (started)
            list.append(word);
        word.clear();
        started = false;
    }
    QStringList finish()
    {
        end();
        return list;
    }
};

Error unclosed(QChar quote, qsizetype position)
{
    return Error{u"curl.syntax"_s, u"unclosed %1 quote"_s.arg(quote),
                 u"position %1"_s.arg(position + 1)};
}

// \xHH and octal escapes are bytes: held as U+F700+byte while the $'…' word is read, then
// runs of them are decoded as UTF-8 (as bash hands the bytes to curl).
constexpr char16_t kByteBase = 0xF700;

QChar byteChar(uint value)
{
    return value < 0x80 ? QChar(static_cast<char16_t>(value))
                        : QChar(static_cast<char16_t>(kByteBase + (value & 0xFF)));
}

void decodeByteRuns(QString& word, qsizetype from)
{
    QString out = word.left(from);
    QByteArray bytes;
    for (qsizetype i = from; i <= word.size(); ++i) {
        const bool isByte = i < word.size() && word[i].unicode() >= kByteBase &&
                            word[i].unicode() <= kByteBase + 0xFF;
        if (isByte) {
            bytes += static_cast<char>(word[i].unicode() - kByteBase);
            continue;
        }
        if (!bytes.isEmpty()) {
            out += QString::fromUtf8(bytes);
            bytes.clear();
        }
        if (i < word.size())
            out += word[i];
    }
    word = out;
}

qsizetype ansiCEscapes(const QString& text, qsizetype i, QString& word);

// $'…' escapes (bash ANSI-C quoting).
qsizetype ansiC(const QString& text, qsizetype i, QString& word)
{
    const qsizetype from = word.size();
    const qsizetype end = ansiCEscapes(text, i, word);
    decodeByteRuns(word, from);
    return end;
}

qsizetype ansiCEscapes(const QString& text, qsizetype i, QString& word)
{
    // i points after the opening quote; returns the index of the closing quote or -1.
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == u'\'')
            return i;
        if (c != u'\\' || i + 1 >= text.size()) {
            word += c;
            ++i;
            continue;
        }
        const QChar e = text[++i];
        auto hex = [&](int max) {
            qsizetype n = 0;
            uint value = 0;
            while (n < max && i + 1 + n < text.size() &&
                   QStringView(u"0123456789abcdefABCDEF").contains(text[i + 1 + n])) {
                value =
                    value * 16 + static_cast<uint>(QString(text[i + 1 + n]).toUInt(nullptr, 16));
                ++n;
            }
            i += n;
            return value;
        };
        switch (e.unicode()) {
        case 'n':
            word += u'\n';
            break;
        case 't':
            word += u'\t';
            break;
        case 'r':
            word += u'\r';
            break;
        case 'a':
            word += QChar(7);
            break;
        case 'b':
            word += QChar(8);
            break;
        case 'e':
        case 'E':
            word += QChar(27);
            break;
        case 'f':
            word += QChar(12);
            break;
        case 'v':
            word += QChar(11);
            break;
        case '\\':
            word += u'\\';
            break;
        case '\'':
            word += u'\'';
            break;
        case '"':
            word += u'"';
            break;
        case '?':
            word += u'?';
            break;
        case 'x':
            word += byteChar(hex(2));
            break;
        case 'u':
            word += QString::fromUcs4(std::array<char32_t, 1>{hex(4)}.data(), 1);
            break;
        case 'U':
            word += QString::fromUcs4(std::array<char32_t, 1>{hex(8)}.data(), 1);
            break;
        default:
            if (e >= u'0' && e <= u'7') {
                uint value = static_cast<uint>(e.unicode() - '0');
                for (int n = 0;
                     n < 2 && i + 1 < text.size() && text[i + 1] >= u'0' && text[i + 1] <= u'7';
                     ++n)
                    value = value * 8 + static_cast<uint>(text[++i].unicode() - '0');
                word += byteChar(value);
            } else {
                word += u'\\';
                word += e;
            }
        }
        ++i;
    }
    return -1;
}

// The length of the line break right after position `i` (1 or 2), or 0 when there is none.
qsizetype lineBreakAfter(const QString& text, qsizetype i)
{
    if (i + 1 >= text.size() || (text[i + 1] != u'\n' && text[i + 1] != u'\r'))
        return 0;
    return (text[i + 1] == u'\r' && i + 2 < text.size() && text[i + 2] == u'\n') ? 2 : 1;
}

Result<QStringList> posix(const QString& text)
{
    Words words;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\\') {
            if (const qsizetype lineBreak = lineBreakAfter(text, i)) {
                i += lineBreak; // line continuation
                continue;
            }
            if (i + 1 < text.size())
                words.add(text[++i]);
        } else if (c == u'\'') {
            const qsizetype close = text.indexOf(u'\'', i + 1);
            if (close < 0)
                return unclosed(c, i);
            words.add(text.mid(i + 1, close - i - 1));
            i = close;
        } else if (c == u'$' && i + 1 < text.size() && text[i + 1] == u'\'') {
            const qsizetype close = ansiC(text, i + 2, words.word);
            if (close < 0)
                return unclosed(u'\'', i + 1);
            words.start();
            i = close;
        } else if (c == u'"') {
            words.start();
            qsizetype j = i + 1;
            for (; j < text.size() && text[j] != u'"'; ++j) {
                if (text[j] == u'\\' && j + 1 < text.size() &&
                    QStringView(u"\"\\$`\n").contains(text[j + 1])) {
                    if (text[j + 1] != u'\n')
                        words.add(text[j + 1]);
                    ++j;
                } else {
                    words.add(text[j]);
                }
            }
            if (j >= text.size())
                return unclosed(c, i);
            i = j;
        } else if (c.isSpace()) {
            words.end();
        } else {
            words.add(c);
        }
    }
    return words.finish();
}

// cmd, as Chrome's "Copy as cURL (cmd)" writes it: cmd first removes its ^ escapes (and
// ^-newline continuations); then curl.exe's C runtime splits the words: "…" groups, \" is a
// literal quote, "" inside quotes too.
Result<QStringList> cmd(const QString& text)
{
    QString unescaped;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'^') {
            unescaped += text[i];
        } else if (const qsizetype lineBreak = lineBreakAfter(text, i)) {
            i += lineBreak;
        } else if (i + 1 < text.size()) {
            unescaped += text[++i];
        }
    }
    Words words;
    bool quoted = false;
    qsizetype quoteStart = 0;
    for (qsizetype i = 0; i < unescaped.size(); ++i) {
        const QChar c = unescaped[i];
        if (c == u'\\' && i + 1 < unescaped.size() && unescaped[i + 1] == u'"') {
            words.add(u'"');
            ++i;
        } else if (c == u'"') {
            if (quoted && i + 1 < unescaped.size() && unescaped[i + 1] == u'"') {
                words.add(u'"');
                ++i;
            } else {
                quoted = !quoted;
                quoteStart = i;
                words.start();
            }
        } else if (c.isSpace() && !quoted) {
            words.end();
        } else {
            words.add(c);
        }
    }
    if (quoted)
        return unclosed(u'"', quoteStart);
    return words.finish();
}

// PowerShell: ` escapes (and joins lines); '…' literal with '' for a quote; "…" with ` escapes.
Result<QStringList> powerShell(const QString& text)
{
    Words words;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'`') {
            if (const qsizetype lineBreak = lineBreakAfter(text, i)) {
                i += lineBreak;
                continue;
            }
            if (i + 1 < text.size())
                words.add(text[++i] == u'n' ? QChar(u'\n') : text[i]);
        } else if (c == u'\'' || c == u'"') {
            words.start();
            qsizetype j = i + 1;
            for (; j < text.size(); ++j) {
                if (c == u'\'' && text[j] == u'\'' && j + 1 < text.size() && text[j + 1] == u'\'') {
                    words.add(u'\'');
                    ++j;
                } else if (text[j] == c) {
                    break;
                } else if (c == u'"' && text[j] == u'`' && j + 1 < text.size()) {
                    words.add(text[++j]);
                } else {
                    words.add(text[j]);
                }
            }
            if (j >= text.size())
                return unclosed(c, i);
            i = j;
        } else if (c.isSpace()) {
            words.end();
        } else {
            words.add(c);
        }
    }
    return words.finish();
}

} // namespace

ShellDialect guessDialect(const QString& command)
{
    if (command.contains(u"^\n"_s) || command.contains(u"^\r\n"_s) || command.contains(u"^\""_s))
        return ShellDialect::WindowsCmd;
    if (command.contains(u"`\n"_s) || command.contains(u"`\r\n"_s) ||
        command.trimmed().startsWith(u"curl.exe"_s, Qt::CaseInsensitive))
        return ShellDialect::PowerShell;
    return ShellDialect::Posix;
}

Result<QStringList> splitShellWords(const QString& command, ShellDialect dialect)
{
    switch (dialect) {
    case ShellDialect::Posix:
        return posix(command);
    case ShellDialect::WindowsCmd:
        return cmd(command);
    case ShellDialect::PowerShell:
        return powerShell(command);
    }
    return posix(command);
}

} // namespace Keyhole::Interchange
