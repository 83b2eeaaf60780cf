#include "core/interchange/import/ShellWords.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

Error unclosed(QChar quote, qsizetype position)
{
    return Error{u"curl.syntax"_s, u"unclosed %1 quote"_s.arg(quote),
                 u"position %1"_s.arg(position + 1)};
}

// $'…' escapes (bash ANSI-C quoting).
qsizetype ansiC(const QString& text, qsizetype i, QString& word)
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
            word += QChar(static_cast<char16_t>(hex(2)));
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
                word += QChar(static_cast<char16_t>(value));
            } else {
                word += u'\\';
                word += e;
            }
        }
        ++i;
    }
    return -1;
}

Result<QStringList> posix(const QString& text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\\') {
            if (i + 1 < text.size() && (text[i + 1] == u'\n' || text[i + 1] == u'\r')) {
                i += (text[i + 1] == u'\r' && i + 2 < text.size() && text[i + 2] == u'\n') ? 2 : 1;
                continue; // line continuation
            }
            if (i + 1 < text.size())
                word += text[++i];
            inWord = true;
        } else if (c == u'\'') {
            const qsizetype close = text.indexOf(u'\'', i + 1);
            if (close < 0)
                return unclosed(c, i);
            word += text.mid(i + 1, close - i - 1);
            i = close;
            inWord = true;
        } else if (c == u'$' && i + 1 < text.size() && text[i + 1] == u'\'') {
            const qsizetype close = ansiC(text, i + 2, word);
            if (close < 0)
                return unclosed(u'\'', i + 1);
            i = close;
            inWord = true;
        } else if (c == u'"') {
            qsizetype j = i + 1;
            for (; j < text.size() && text[j] != u'"'; ++j) {
                if (text[j] == u'\\' && j + 1 < text.size() &&
                    QStringView(u"\"\\$`\n").contains(text[j + 1])) {
                    if (text[j + 1] != u'\n')
                        word += text[j + 1];
                    ++j;
                } else {
                    word += text[j];
                }
            }
            if (j >= text.size())
                return unclosed(c, i);
            i = j;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words.append(word);
    return words;
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
            continue;
        }
        if (i + 1 < text.size() && (text[i + 1] == u'\n' || text[i + 1] == u'\r')) {
            i += (text[i + 1] == u'\r' && i + 2 < text.size() && text[i + 2] == u'\n') ? 2 : 1;
            continue;
        }
        if (i + 1 < text.size())
            unescaped += text[++i];
    }
    QStringList words;
    QString word;
    bool inWord = false;
    bool quoted = false;
    qsizetype quoteStart = 0;
    for (qsizetype i = 0; i < unescaped.size(); ++i) {
        const QChar c = unescaped[i];
        if (c == u'\\' && i + 1 < unescaped.size() && unescaped[i + 1] == u'"') {
            word += u'"';
            ++i;
            inWord = true;
        } else if (c == u'"') {
            if (quoted && i + 1 < unescaped.size() && unescaped[i + 1] == u'"') {
                word += u'"';
                ++i;
            } else {
                quoted = !quoted;
                quoteStart = i;
            }
            inWord = true;
        } else if (c.isSpace() && !quoted) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (quoted)
        return unclosed(u'"', quoteStart);
    if (inWord)
        words.append(word);
    return words;
}

// PowerShell: ` escapes (and joins lines); '…' literal with '' for a quote; "…" with ` escapes.
Result<QStringList> powerShell(const QString& text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'`') {
            if (i + 1 < text.size() && (text[i + 1] == u'\n' || text[i + 1] == u'\r')) {
                i += (text[i + 1] == u'\r' && i + 2 < text.size() && text[i + 2] == u'\n') ? 2 : 1;
                continue;
            }
            if (i + 1 < text.size())
                word += text[++i] == u'n' ? QChar(u'\n') : text[i];
            inWord = true;
        } else if (c == u'\'') {
            qsizetype j = i + 1;
            for (; j < text.size(); ++j) {
                if (text[j] == u'\'' && j + 1 < text.size() && text[j + 1] == u'\'') {
                    word += u'\'';
                    ++j;
                } else if (text[j] == u'\'') {
                    break;
                } else {
                    word += text[j];
                }
            }
            if (j >= text.size())
                return unclosed(c, i);
            i = j;
            inWord = true;
        } else if (c == u'"') {
            qsizetype j = i + 1;
            for (; j < text.size() && text[j] != u'"'; ++j) {
                if (text[j] == u'`' && j + 1 < text.size())
                    word += text[++j];
                else
                    word += text[j];
            }
            if (j >= text.size())
                return unclosed(c, i);
            i = j;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words.append(word);
    return words;
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
