import Testing
import VigiaCore
import VigiaFormats
import VigiaFuzz

/// `make test` runs every fuzz target of `vigia-fuzz` in this process for 20,000 inputs (`make
/// fuzz` runs a million each, in child processes). A trap ends the test run, so it fails; the
/// expectations check that the generators did their job.
@Suite("Fuzzing: no generated input traps")
struct FuzzTests {
    static let corpus = FuzzCorpus.load()
    static let inputs: UInt64 = 20_000

    @Test(arguments: FuzzTarget.all.map(\.name))
    func twentyThousandInputs(target name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let stats = FuzzDriver.run(target, corpus: Self.corpus, seed: 2026, iterations: 0..<Self.inputs)
        #expect(stats.inputs == Int(Self.inputs))
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
    @Test func thePlanGeneratorWritesHugePercents() throws {
        let plan = try #require(FuzzTarget.named("plan"))
        var hugePercents = 0
        for i in UInt64(0)..<3_000 {
            do { _ = try PlanImporter.importPlan(text: String(decoding: plan.input(seed: 2026, iteration: i, corpus: Self.corpus), as: UTF8.self)) }
            catch where error.message.hasPrefix("el % de avance") && error.message.contains("E+") { hugePercents += 1 }
            catch {}
        }
        #expect(hugePercents > 0)
    }
}
