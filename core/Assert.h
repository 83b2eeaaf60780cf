#pragma once

#include <QtGlobal>

// A programmer error: log where it happened and recover with `action` instead of crashing
// in the user's hands (CONVENTIONS.md rule 10). Usage: KH_ASSERT(ptr, return {});
#define KH_ASSERT(condition, action)                                                               \
    if (Q_LIKELY(condition)) {                                                                     \
    } else {                                                                                       \
        qCritical("ASSERTION FAILED: \"%s\" in %s:%d", #condition, __FILE__, __LINE__);            \
        action;                                                                                    \
    }                                                                                              \
    do {                                                                                           \
    } while (0)
