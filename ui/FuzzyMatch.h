#pragma once

#include <QList>
#include <QStringView>

#include <optional>

namespace Keyhole::Ui {

// How well `pattern` matches `text` as a command palette matches: the pattern's characters
// appear in the text in order (any case, spaces in the pattern ignored). Higher is better:
// characters that follow each other, start a word or start the text count more; gaps count
// against. Nothing when they do not all appear. `positions` receives the matched indexes.
std::optional<int> fuzzyScore(QStringView pattern, QStringView text,
                              QList<qsizetype>* positions = nullptr);

} // namespace Keyhole::Ui
