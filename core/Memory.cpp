#include "core/Memory.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace Keyhole {

void returnBigBuffersToSystem()
{
#ifdef __GLIBC__
    // Blocks of 128 KB and more are mapped and unmapped on their own; setting it fixes the
    // threshold (no dynamic raise).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
#endif
}

} // namespace Keyhole
