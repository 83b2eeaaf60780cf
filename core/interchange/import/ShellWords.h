#pragma once

#include "core/Result.h"

#include <QStringList>

namespace Keyhole::Interchange {

enum class ShellDialect { Posix, WindowsCmd, PowerShell };

// Splits a command line into words the way the shell would: POSIX sh/bash (single quotes,
// double quotes with \-escapes, $'…' ANSI-C quoting, backslash-newline continuations, '\''),
// Windows cmd (^ escapes and ^-newline continuations, "…"), PowerShell (backtick escapes and
// continuations, '…' with '' for a quote, "…"). Fails naming the position of an unclosed
// quote.
Result<QStringList> splitShellWords(const QString& command,
                                    ShellDialect dialect = ShellDialect::Posix);

// Guesses the dialect of a pasted command: ^-continuations → cmd, backtick-continuations or
// curl.exe → PowerShell, else POSIX.
ShellDialect guessDialect(const QString& command);

} // namespace Keyhole::Interchange
