#pragma once

#include "core/diff/JsonTree.h"
#include "core/diff/LineDiff.h"

namespace Keyhole::Diff {

// The line diff of two JSON values as JsonTree::pretty prints them (without the `skip` paths),
// found from the two trees instead of from the printed lines: members paired by key, array
// elements aligned as sequences (an element inserted at the front is one insertion), equal
// values equal lines, a changed scalar one replaced line. Line 0 is the first printed line.
// It needs neither printed text (each side can be printed, and its tree let go, after it) nor
// the per-line tables of a line diff: a comparison of two JSON bodies stays near the size of
// the printed texts. Array alignment honours `budget` (approximate / coarse / cancelled as in
// diffSymbols); a deadline or cancel reports the rest as replaced.
// `before`: the diff of lines printed ahead of the JSON (an HTTP head); the JSON's runs are
// appended to its runs, numbered after its lines (no second copy of the runs to join them).
LineDiffResult jsonLineDiff(const JsonTree& a, const JsonTree& b, const JsonTree::SkipPath& skip,
                            const Budget& budget = {}, LineDiffResult before = {});

// `diff` with every Equal line pair checked against the texts: a pair that differs (a
// structural diff's claim the bytes do not bear out) becomes a replaced line. Returns false
// when `diff` does not cover both texts line for line.
bool verifyLineDiff(const Lines& a, const Lines& b, LineDiffResult& diff);

} // namespace Keyhole::Diff
