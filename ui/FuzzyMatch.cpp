#include "ui/FuzzyMatch.h"

namespace Keyhole::Ui {

namespace {

bool startsWord(QStringView text, qsizetype i)
{
    if (i == 0)
        return true;
    const QChar before = text[i - 1];
    const QChar here = text[i];
    return !before.isLetterOrNumber() || (before.isLower() && here.isUpper());
}

} // namespace

std::optional<int> fuzzyScore(QStringView pattern, QStringView text, QList<qsizetype>* positions)
{
    // Left to right: each pattern character takes the text's next character when it matches,
    // else the first later one that starts a word, else the first later one at all ("ur" in
    // "Focus URL" takes "UR", not the u of "Focus").
    int score = 0;
    qsizetype at = 0;
    qsizetype previous = -2;
    if (positions)
        positions->clear();
    for (const QChar wanted : pattern) {
        if (wanted.isSpace())
            continue;
        const QChar lower = wanted.toCaseFolded();
        qsizetype found = -1;
        for (qsizetype i = at; i < text.size(); ++i) {
            if (text[i].toCaseFolded() != lower)
                continue;
            if (found < 0)
                found = i;
            // The next character right here, or one that starts a word, wins over the first
            // occurrence in the middle of a word.
            if (i == previous + 1 || startsWord(text, i)) {
                found = i;
                break;
            }
        }
        if (found < 0)
            return std::nullopt;
        score += 1;
        if (found == previous + 1)
            score += 8; // runs of characters
        if (startsWord(text, found))
            score += found == 0 ? 12 : 6;
        if (previous >= 0)
            score -= static_cast<int>(qMin<qsizetype>(found - previous - 1, 6)); // gaps
        if (positions)
            positions->append(found);
        previous = found;
        at = found + 1;
    }
    // Shorter texts win ties: "Send" before "Send and compare".
    return score * 4 - static_cast<int>(qMin<qsizetype>(text.size(), 64)) / 8;
}

} // namespace Keyhole::Ui
