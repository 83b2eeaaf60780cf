#pragma once

// The benchmarks' memory readings (Linux): a field of /proc/self/status in KB, and the reset
// of the peak (VmHWM) so that a measurement starts from what already exists.
#include <QByteArray>
#include <QFile>

#include <cstring>

namespace Keyhole::Bench {

// "VmRSS:" or "VmHWM:" in KB; -1 when unreadable.
inline qint64 statusKb(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(static_cast<qsizetype>(std::strlen(field)))
                .trimmed()
                .split(' ')
                .first()
                .toLongLong();
    }
    return -1;
}

// VmHWM back to the current resident size (clear_refs 5); false when not allowed.
inline bool resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace Keyhole::Bench
