// Benchmark, not a test (tests/bench/bench-diff.sh runs it): the diff engine on the inputs
// issue #7 names. `--write-inputs DIR` writes each pair as DIR/<case>.a and .b for the
// baseline (git diff --no-index --diff-algorithm=histogram); `--once CASE` compares one pair
// once (for peak-memory measurement); otherwise Google Benchmark runs every case.
#include "core/Memory.h"
#include "core/diff/LineDiff.h"
#include "core/diff/MessageDiff.h"
#include "tests/bench/ProcStatus.h"

#include <QByteArray>
#include <QFile>
#include <QRandomGenerator>
#include <QStringList>

#include <benchmark/benchmark.h>
#include <cstring>
#include <functional>
#include <map>

using namespace Keyhole;

namespace {

struct Pair {
    QByteArray a;
    QByteArray b;
};

QByteArray word(QRandomGenerator& random, int length)
{
    QByteArray out(length, 'a');
    for (char& c : out)
        c = static_cast<char>('a' + random.bounded(26));
    return out;
}

// Pretty-printed JSON of `records` objects, ~250 bytes each.
QByteArray jsonRecords(int records, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray out = "{\n  \"items\": [\n";
    for (int i = 0; i < records; ++i) {
        out += "    {\n      \"id\": " + QByteArray::number(i) + ",\n      \"name\": \"" +
               word(random, 12) + "\",\n      \"email\": \"" + word(random, 8) +
               "@example.com\",\n      \"score\": " + QByteArray::number(random.bounded(100000)) +
               ",\n      \"active\": " + (random.bounded(2) ? "true" : "false") +
               ",\n      \"tags\": [\"" + word(random, 5) + "\", \"" + word(random, 6) +
               "\"]\n    }" + (i + 1 < records ? "," : "") + "\n";
    }
    return out + "  ]\n}\n";
}

Pair json5MbTenEdits()
{
    Pair pair;
    pair.a = jsonRecords(20000, 1); // ~5 MB
    pair.b = pair.a;
    QRandomGenerator random(2);
    for (int edit = 0; edit < 10; ++edit) {
        const qsizetype at = pair.b.indexOf("\"score\": ", random.bounded(pair.b.size() - 100));
        pair.b.replace(at + 9, 1, "9");
    }
    return pair;
}

Pair nothingInCommon1Mb()
{
    QRandomGenerator random(3);
    Pair pair;
    while (pair.a.size() < 1'000'000)
        pair.a += "A " + word(random, 40) + '\n';
    while (pair.b.size() < 1'000'000)
        pair.b += "B " + word(random, 40) + '\n';
    return pair;
}

Pair sameShapeAllValuesDiffer()
{
    return {jsonRecords(5600, 4), jsonRecords(5600, 5)}; // ~1.4 MB each
}

Pair logs100kOnePercent()
{
    QRandomGenerator random(6);
    Pair pair;
    for (int i = 0; i < 100000; ++i) {
        const QByteArray line = "2026-11-22T10:" + QByteArray::number(i % 60) + " INFO request " +
                                QByteArray::number(i) + " served in " +
                                QByteArray::number(random.bounded(500)) + " ms\n";
        pair.a += line;
        pair.b +=
            random.bounded(100) == 0 ? "2026-11-22 WARN changed " + word(random, 20) + '\n' : line;
    }
    return pair;
}

Pair headers200()
{
    Pair pair{"HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\n"};
    for (int i = 0; i < 200; ++i) {
        const QByteArray name = "X-Header-" + QByteArray::number(i);
        pair.a += name + ": value-" + QByteArray::number(i) + "\r\n";
        pair.b += name + ": value-" + QByteArray::number(i % 10 == 0 ? i + 1 : i) + "\r\n";
    }
    pair.a += "\r\n";
    pair.b += "\r\n";
    return pair;
}

const std::map<std::string, std::function<Pair()>>& cases()
{
    static const std::map<std::string, std::function<Pair()>> all{
        {"json_5mb_10_edits", json5MbTenEdits},
        {"nothing_in_common_1mb", nothingInCommon1Mb},
        {"same_shape_json_1_4mb_all_values", sameShapeAllValuesDiffer},
        {"logs_100k_lines_1pct", logs100kOnePercent},
        {"headers_200", headers200},
    };
    return all;
}

const Pair& input(const std::string& name)
{
    static std::map<std::string, Pair> made;
    auto it = made.find(name);
    if (it == made.end())
        it = made.emplace(name, cases().at(name)()).first;
    return it->second;
}

// Text to lines and the line diff, as the Compare view and `keyhole-cli diff` do.
void lineDiff(benchmark::State& state, const std::string& name)
{
    const Pair& pair = input(name);
    bool coarse = false;
    bool approximate = false;
    for (auto _ : state) {
        const Diff::LineDiffResult diff = Diff::diffLines(Diff::Lines(pair.a), Diff::Lines(pair.b));
        coarse = diff.coarse;
        approximate = diff.approximate;
        benchmark::DoNotOptimize(diff.runs.size());
    }
    state.counters["coarse"] = coarse ? 1 : 0;
    state.counters["approximate"] = approximate ? 1 : 0;
    state.SetBytesProcessed(state.iterations() * (pair.a.size() + pair.b.size()));
}

// The whole message comparison: headers, JSON parse and structural diff, pretty lines, line diff.
void messageCompare(benchmark::State& state, const std::string& name)
{
    const Pair& pair = input(name);
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n";
    const QByteArray a = name == "headers_200" ? pair.a : head + pair.a;
    const QByteArray b = name == "headers_200" ? pair.b : head + pair.b;
    for (auto _ : state) {
        const Diff::MessageComparison comparison = Diff::compareMessages(a, b);
        benchmark::DoNotOptimize(comparison.json.size());
    }
    state.SetBytesProcessed(state.iterations() * (a.size() + b.size()));
}

} // namespace

int main(int argc, char** argv)
{
    Keyhole::keepLargeBlocksMapped(); // as the programs do
    if (argc == 3 && std::strcmp(argv[1], "--write-inputs") == 0) {
        for (const auto& [name, make] : cases()) {
            const Pair pair = make();
            for (const auto& [suffix, bytes] :
                 {std::pair{".a", &pair.a}, std::pair{".b", &pair.b}}) {
                QFile file(QString::fromLocal8Bit(argv[2]) + u'/' + QString::fromStdString(name) +
                           QString::fromLatin1(suffix));
                if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size())
                    return 2;
            }
        }
        return 0;
    }
    // Memory of one comparison over what the inputs already use: the peak is reset once the
    // inputs exist (Linux: clear_refs 5), then read after the comparison. A small comparison
    // runs first: the first one in a process also faults in the code it runs and sets up
    // Qt's and OpenSSL's tables, a few hundred KB that are not the comparison's.
    if (argc == 4 && std::strcmp(argv[1], "--memory") == 0) {
        const Pair& pair = input(argv[3]);
        const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n";
        const bool whole = std::strcmp(argv[3], "headers_200") == 0;
        const QByteArray a = whole ? pair.a : head + pair.a;
        const QByteArray b = whole ? pair.b : head + pair.b;
        const QByteArray small = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Authorization: Bearer x\r\nDate: today\r\nX-A: 1\r\n\r\n";
        QByteArray other = small;
        other.replace("X-A: 1", "X-A: 2");
        benchmark::DoNotOptimize(Diff::compareMessages(small + "{\"a\":[1,{\"b\":2}]}\n",
                                                       other + "{\"a\":[1,{\"b\":3}]}\n")
                                     .json.size());
        benchmark::DoNotOptimize(
            Diff::diffLines(Diff::Lines("a\nb\n"), Diff::Lines("a\nc\n")).runs.size());
        if (!Bench::resetPeak())
            return 2;
        const qint64 before = Bench::statusKb("VmRSS:");
        if (std::strcmp(argv[2], "lines") == 0) {
            const Diff::LineDiffResult diff = Diff::diffLines(Diff::Lines(a), Diff::Lines(b));
            benchmark::DoNotOptimize(diff.runs.size());
        } else {
            const Diff::MessageComparison comparison = Diff::compareMessages(a, b);
            benchmark::DoNotOptimize(comparison.json.size());
        }
        std::printf("%lld %lld\n", static_cast<long long>(a.size() + b.size()) / 1024,
                    static_cast<long long>(Bench::statusKb("VmHWM:") - before));
        return 0;
    }
    for (const auto& [name, make] : cases()) {
        benchmark::RegisterBenchmark(("lines/" + name).c_str(), lineDiff, name)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("compare/" + name).c_str(), messageCompare, name)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
