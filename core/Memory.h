#pragma once

namespace Keyhole {

// Large blocks (128 KB and more: bodies, parsed trees, printed texts, diff tables) get pages of
// their own, given back to the system as soon as they are freed. glibc starts that way but
// raises the threshold to the size of every mapped block freed (up to 32 MB): after a few big
// responses, such blocks come from the heap, where a freed one leaves a hole that a larger
// block does not fit in and the process keeps. A comparison of two 1 MB JSON bodies that
// differ everywhere peaked at 3.4× its inputs that way, 2.7×–2.8× with the threshold fixed
// (tests/bench/bench-diff.sh). Called first thing by each program; nothing where the C
// library is not glibc.
void keepLargeBlocksMapped();

} // namespace Keyhole
