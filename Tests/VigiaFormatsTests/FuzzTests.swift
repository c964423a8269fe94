import Foundation
import Testing
import VigiaCore
import VigiaFormats
import VigiaFuzz

/// `make test` runs every fuzz target of `vigia-fuzz` in this process for 20,000 inputs (`make
/// fuzz` runs a million each, in child processes). A trap ends the test run, so it fails; the
/// expectations check that the generators did their job. One target at a time, each on its own
/// thread: minutes of synchronous work on Swift's cooperative pool (two threads here) would
/// hold back every other test's async code, the server tests' included.
@Suite("Fuzzing: no generated input traps", .serialized)
struct FuzzTests {
    static let corpus = FuzzCorpus.load()
    static let inputs: UInt64 = 20_000
    /// The risk map's importer reads whole sample maps (266 inputs/s in a debug build): 5,000 here keep
    /// `make test` within its time; `make fuzz` gives every target a million.
    static func inputs(_ name: String) -> UInt64 { name.hasPrefix("risk-") ? 5_000 : inputs }

    @Test(arguments: FuzzTarget.all.map(\.name))
    func twentyThousandInputs(target name: String) async throws {
        let target = try #require(FuzzTarget.named(name))
        let count = Self.inputs(name)
        let stats = await onOwnThread { FuzzDriver.run(target, corpus: Self.corpus, seed: 2026, iterations: 0..<count) }
        #expect(stats.inputs == Int(count))
        // Both sides of every parser are reached: inputs it takes and inputs it refuses.
        #expect(stats.accepted >= stats.inputs / 50, "\(stats)")
        #expect(stats.rejected >= stats.inputs / 50, "\(stats)")
        #expect(stats.distinct >= stats.inputs / 2, "\(stats)")
    }

    @Test func theCorpusHasTheSamples() {
        #expect(Self.corpus.files.contains { $0.hasSuffix("Samples/plan-mejoramiento-demo.tsv") })
        #expect(Self.corpus.files.contains { $0.hasSuffix("Samples/seguimiento-paac-demo-2026-c1.txt") })
    }

    @Test func anInputDependsOnlyOnSeedAndIteration() throws {
        for target in FuzzTarget.all {
            let input = target.input(seed: 7, iteration: 123_456, corpus: Self.corpus)
            #expect(input == target.input(seed: 7, iteration: 123_456, corpus: Self.corpus), "\(target.name)")
            #expect(input != target.input(seed: 8, iteration: 123_456, corpus: Self.corpus), "\(target.name)")
        }
    }

    /// The trap that started this: a huge number in the % column. The plan generator must put
    /// such numbers there, or the fuzzer would not have found it.
    @Test func thePlanGeneratorWritesHugePercents() async throws {
        let plan = try #require(FuzzTarget.named("plan"))
        let hugePercents = await onOwnThread {
            var count = 0
            for i in UInt64(0)..<3_000 {
                let text = String(decoding: plan.input(seed: 2026, iteration: i, corpus: Self.corpus), as: UTF8.self)
                do throws(ImportError) { _ = try PlanImporter.importPlan(text: text) }
                catch where error.message.hasPrefix("el % de avance") && error.message.contains("E+") { count += 1 }
                catch {}
            }
            return count
        }
        #expect(hugePercents > 0)
    }
}

func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
