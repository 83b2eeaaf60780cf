#include "core/http/Challenge.h"

namespace Keyhole::Http {
namespace {

bool isTokenChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

class Scanner {
public:
    explicit Scanner(const QByteArray& text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    // Returns whether a comma was skipped.
    bool skipSpaceAndCommas()
    {
        bool comma = false;
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
            comma = comma || peek() == ',';
            ++m_pos;
        }
        return comma;
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    QByteArray quoted()
    {
        QByteArray value;
        ++m_pos; // opening quote
        while (!atEnd() && peek() != '"') {
            if (peek() == '\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            value += m_text[m_pos++];
        }
        if (!atEnd())
            ++m_pos; // closing quote
        return value;
    }
    qsizetype position() const { return m_pos; }
    void setPosition(qsizetype position) { m_pos = position; }
    // token68: token characters plus '/', then '=' padding.
    QByteArray token68()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && (isTokenChar(peek()) || peek() == '/'))
            ++m_pos;
        while (!atEnd() && peek() == '=')
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

private:
    const QByteArray& m_text;
    qsizetype m_pos = 0;
};

} // namespace

QByteArray Challenge::param(const QByteArray& name) const
{
    for (const auto& [key, value] : params) {
        if (key == name.toLower())
            return value;
    }
    return {};
}

QList<Challenge> parseChallenges(const QByteArray& value)
{
    QList<Challenge> challenges;
    Scanner scanner(value);
    for (int guard = 0; guard < 1000 && !scanner.atEnd(); ++guard) {
        scanner.skipSpaceAndCommas();
        const QByteArray scheme = scanner.token();
        if (scheme.isEmpty()) {
            if (!scanner.atEnd())
                scanner.setPosition(scanner.position() + 1); // skip junk
            continue;
        }
        Challenge challenge;
        challenge.scheme = scheme;
        // Parameters until the next "token SP" that is not followed by '=' (a new scheme).
        for (int inner = 0; inner < 1000; ++inner) {
            const bool afterComma = scanner.skipSpaceAndCommas();
            if (scanner.atEnd())
                break;
            const qsizetype mark = scanner.position();
            const QByteArray name = scanner.token();
            scanner.skipSpace();
            const bool assignment = !name.isEmpty() && scanner.peek() == '=';
            if (assignment) {
                scanner.setPosition(scanner.position() + 1);
                // "abc==" or a lone "abc=" right after the scheme is token68 padding.
                const char next = scanner.peek();
                const bool padding =
                    next == '=' || (!afterComma && challenge.params.isEmpty() &&
                                    (scanner.atEnd() || next == ',' || next == ' '));
                if (!padding) { // "name=value"
                    scanner.skipSpace();
                    const QByteArray paramValue =
                        scanner.peek() == '"' ? scanner.quoted() : scanner.token();
                    challenge.params.append({name.toLower(), paramValue});
                    continue;
                }
            }
            // A token right after the scheme (space, no comma) is a token68.
            if (!name.isEmpty() && !afterComma && challenge.params.isEmpty() &&
                challenge.token68.isEmpty()) {
                scanner.setPosition(mark);
                challenge.token68 = scanner.token68();
                continue;
            }
            scanner.setPosition(mark); // a new challenge begins here
            break;
        }
        challenges.append(challenge);
    }
    return challenges;
}

} // namespace Keyhole::Http
