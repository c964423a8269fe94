import Foundation
import VigiaFuzz

// `vigia-fuzz`: feeds generated inputs to the importers and parsers of VigiaCore/VigiaFormats
// and reports any input that traps (kills the process). See `Options.usage`.

/// Writes a line at once (print buffers when stdout is a pipe or a file, and a run takes minutes).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String, code: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code)
}

let options: Options
do { options = try Options(Array(CommandLine.arguments.dropFirst())) } catch let error as UsageError {
    fail((error.message.map { "vigia-fuzz: \($0)\n" } ?? "") + Options.usage, code: error.message == nil ? 0 : 2)
}

if options.list {
    for t in FuzzTarget.all { say(t.name.padding(toLength: 9, withPad: " ", startingAt: 0) + t.summary) }
    exit(0)
}

let names = options.targets.isEmpty ? FuzzTarget.all.map(\.name) : options.targets
let targets = names.map { name in
    guard let target = FuzzTarget.named(name) else { fail("vigia-fuzz: no target «\(name)»; try --list") }
    return target
}
let corpus = FuzzCorpus.load(root: options.root)

// One input in this process: a trap here shows the runtime's message and backtrace.
if options.replay != nil || options.input != nil {
    guard targets.count == 1, let target = targets.first else { fail("vigia-fuzz: --replay and --input need one --target") }
    let input: [UInt8]
    if let path = options.input {
        guard let data = FileManager.default.contents(atPath: path) else { fail("vigia-fuzz: cannot read \(path)") }
        input = Array(data)
    } else {
        input = target.input(seed: options.seed, iteration: options.replay ?? 0, corpus: corpus)
    }
    if let path = options.save {
        guard FileManager.default.createFile(atPath: path, contents: Data(input)) else { fail("vigia-fuzz: cannot write \(path)") }
        say("\(target.name): input saved to \(path)")
    }
    say("\(target.name): running one input of \(input.count) bytes")
    say("\(target.name): no trap (\(target.run(input)))")
    exit(0)
}

// A child: run the iterations, telling the parent through the progress file.
if options.child {
    let progress = options.progressFile.flatMap(ProgressFile.init(path:))
    let range = options.firstIteration..<max(options.firstIteration, options.iterations)
    let stats = FuzzDriver.run(targets[0], corpus: corpus, seed: options.seed, iterations: range) { progress?.value = $0 + 1 }
    say(ChildResult.line(stats))
    exit(0)
}

say("vigia-fuzz: seed \(options.seed), \(options.iterations) inputs per target, \(options.jobs) at a time; corpus:")
for file in corpus.files { say("  \(file)") }
var failed = 0
do {
    try Supervisor(options: options, corpus: corpus).run(targets) { r in
        let s = r.stats
        let time = String(format: "%.1f s", s.seconds)
        let rate = s.seconds > 0 ? String(format: "%.0f/s", Double(s.inputs) / s.seconds) : "-"
        say("\(s.target.padding(toLength: 8, withPad: " ", startingAt: 0)) inputs: \(s.inputs)  traps: \(r.traps)  "
              + "hangs: \(r.hangs)  time: \(time)  (\(rate); accepted \(s.accepted), rejected \(s.rejected), distinct \(s.distinct); "
              + String(format: "slowest %.3f s at iteration %llu)", s.slowestSeconds, s.slowestIteration))
        for f in r.failures {
            say("  \(f.kind): target \(s.target), seed \(options.seed), iteration \(f.iteration) (\(f.cause))")
            say("    input: \(f.inputPath)   log: \(f.logPath)")
            say("    replay: \(CommandLine.arguments[0]) --target \(s.target) --input \(f.inputPath)")
        }
        failed += r.failures.count
    }
} catch {
    fail("vigia-fuzz: \(error)")
}
say(failed == 0 ? "vigia-fuzz: no traps." : "vigia-fuzz: \(failed) trap(s) or hang(s); inputs saved in \(options.crashDir)/.")
exit(failed == 0 ? 0 : 1)
