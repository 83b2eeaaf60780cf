#pragma once

namespace Keyhole {

// Makes freed big buffers (a response body, a comparison's printed sides) go back to the system
// at once. glibc otherwise raises its mmap threshold to the size of the last big buffer freed
// (up to 32 MB), and later buffers below it stay in the heap after they are freed: comparing two
// 5 MB JSON bodies then peaked 45% higher (tests/bench/bench-diff.sh). Called first thing by
// Keyhole's programs and benchmarks; does nothing where the C library is not glibc.
void returnBigBuffersToSystem();

} // namespace Keyhole
