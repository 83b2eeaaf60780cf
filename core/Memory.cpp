#include "core/Memory.h"

#include <cstdlib> // (any C library header says which C library it is: __GLIBC__)

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Keyhole {

void keepLargeBlocksMapped()
{
#if defined(__GLIBC__)
    // Setting them stops the dynamic adjustment (mallopt(3)); the heap's free top is given back
    // from 128 KB on, as at start (the adjustment had raised that too, to twice the threshold).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
#endif
}

} // namespace Keyhole
