import Foundation
import VigiaFuzz

/// A trap (or a hang) of one input: where it happened and where its input was saved.
struct Failure {
    enum Kind: String { case trap, hang }
    let kind: Kind
    let iteration: UInt64
    let cause: String
    let inputPath: String
    let logPath: String
}

struct TargetReport {
    var stats: FuzzStats
    var failures: [Failure] = []
    var traps: Int { failures.filter { $0.kind == .trap }.count }
    var hangs: Int { failures.filter { $0.kind == .hang }.count }
}

/// Runs each target in child processes (this same executable with `--child`): a trap kills only
/// the child; the parent reads which iteration was running, makes that input again, saves it and
/// carries on after it, up to `--max-traps` per target.
final class Supervisor {
    private final class Job {
        let target: FuzzTarget
        var report: TargetReport
        var next: UInt64 = 0
        var done = false
        var process: Process?
        var output = Pipe()
        var progress: ProgressFile?
        var logPath = ""
        var segmentStart = Date()
        var lastProgress: UInt64 = 0
        var lastChange = Date()
        var killedForHang = false
        init(_ target: FuzzTarget) { self.target = target; report = TargetReport(stats: FuzzStats(target: target.name)) }
    }

    let options: Options
    let corpus: FuzzCorpus
    let executable: URL

    init(options: Options, corpus: FuzzCorpus) {
        self.options = options
        self.corpus = corpus
        executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    func run(_ targets: [FuzzTarget], report: (TargetReport) -> Void) throws {
        try FileManager.default.createDirectory(atPath: options.crashDir, withIntermediateDirectories: true)
        let jobs = targets.map(Job.init)
        var lastReport = Date()
        while jobs.contains(where: { !$0.done }) {
            if Date().timeIntervalSince(lastReport) >= 60 {
                lastReport = Date()
                let running = jobs.filter { $0.process != nil }.map { "\($0.target.name) \(($0.progress?.value ?? 0) * 100 / max(1, options.iterations)) %" }
                say("  … " + running.joined(separator: ", "))
            }
            for job in jobs where !job.done && job.process == nil && jobs.filter({ $0.process != nil }).count < options.jobs {
                try start(job)
            }
            Thread.sleep(forTimeInterval: 0.05)
            for job in jobs {
                guard let process = job.process else { continue }
                if process.isRunning { watchForHang(job, process) } else { finish(job, process); if job.done { report(job.report) } }
            }
        }
    }

    private func start(_ job: Job) throws {
        let base = "\(options.crashDir)/\(job.target.name)-seed\(options.seed)"
        let progressPath = "\(base).progress"
        try? FileManager.default.removeItem(atPath: progressPath)
        guard let progress = ProgressFile(path: progressPath) else { throw UsageError("cannot map \(progressPath)") }
        job.progress = progress
        job.logPath = "\(base)-from\(job.next).log"
        _ = FileManager.default.createFile(atPath: job.logPath, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--child", "--target", job.target.name, "--seed", String(options.seed),
                             "--first-iteration", String(job.next), "--iterations", String(options.iterations),
                             "--root", options.root.path, "--progress-file", progressPath]
        job.output = Pipe()
        process.standardOutput = job.output
        process.standardError = FileHandle(forWritingAtPath: job.logPath)
        try process.run()
        job.process = process
        job.segmentStart = Date()
        job.lastProgress = 0
        job.lastChange = Date()
        job.killedForHang = false
    }

    private func watchForHang(_ job: Job, _ process: Process) {
        let now = job.progress?.value ?? 0
        if now != job.lastProgress { job.lastProgress = now; job.lastChange = Date(); return }
        if Date().timeIntervalSince(job.lastChange) > options.hangSeconds {
            job.killedForHang = true
            kill(process.processIdentifier, SIGKILL)
        }
    }

    private func finish(_ job: Job, _ process: Process) {
        let output = String(decoding: job.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        job.process = nil
        let elapsed = Date().timeIntervalSince(job.segmentStart)
        if process.terminationReason == .exit, process.terminationStatus == 0, let stats = ChildResult.parse(output) {
            job.report.stats.add(stats)
            try? FileManager.default.removeItem(atPath: job.logPath)
            try? FileManager.default.removeItem(atPath: "\(options.crashDir)/\(job.target.name)-seed\(options.seed).progress")
            job.done = true
            return
        }
        // The child died: the progress file says which input it was running.
        let started = job.progress?.value ?? 0
        let iteration = started > 0 ? started - 1 : job.next
        var partial = FuzzStats(target: job.target.name)
        partial.inputs = Int(iteration - job.next) + (started > 0 ? 1 : 0)
        partial.seconds = elapsed
        job.report.stats.add(partial)
        let name = "\(options.crashDir)/\(job.target.name)-seed\(options.seed)-iter\(iteration)"
        let input = job.target.input(seed: options.seed, iteration: iteration, corpus: corpus)
        _ = FileManager.default.createFile(atPath: name + ".bin", contents: Data(input))
        try? FileManager.default.removeItem(atPath: name + ".log")
        try? FileManager.default.moveItem(atPath: job.logPath, toPath: name + ".log")
        let cause = job.killedForHang ? "no progress for \(Int(options.hangSeconds)) s"
            : process.terminationReason == .uncaughtSignal ? "signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
        job.report.failures.append(Failure(kind: job.killedForHang ? .hang : .trap, iteration: iteration,
                                           cause: cause + ChildResult.firstClue(logPath: name + ".log"),
                                           inputPath: name + ".bin", logPath: name + ".log"))
        job.next = iteration + 1
        job.done = job.report.failures.count >= options.maxTraps || job.next >= options.iterations
    }
}

extension FuzzStats {
    mutating func add(_ other: FuzzStats) {
        inputs += other.inputs; accepted += other.accepted; rejected += other.rejected
        distinct += other.distinct; seconds += other.seconds
        if other.slowestSeconds > slowestSeconds { slowestSeconds = other.slowestSeconds; slowestIteration = other.slowestIteration }
    }
}

/// The one line a child prints when it finishes, and what the parent reads back.
enum ChildResult {
    static func line(_ s: FuzzStats) -> String {
        "RESULT inputs=\(s.inputs) accepted=\(s.accepted) rejected=\(s.rejected) distinct=\(s.distinct) seconds=\(s.seconds) "
            + "slowest=\(s.slowestIteration) slowestSeconds=\(s.slowestSeconds)"
    }

    static func parse(_ output: String) -> FuzzStats? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }) else { return nil }
        var fields: [String: String] = [:]
        for pair in line.split(separator: " ").dropFirst() {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
        }
        var s = FuzzStats(target: "")
        s.inputs = Int(fields["inputs"] ?? "") ?? 0
        s.accepted = Int(fields["accepted"] ?? "") ?? 0
        s.rejected = Int(fields["rejected"] ?? "") ?? 0
        s.distinct = Int(fields["distinct"] ?? "") ?? 0
        s.seconds = Double(fields["seconds"] ?? "") ?? 0
        s.slowestIteration = UInt64(fields["slowest"] ?? "") ?? 0
        s.slowestSeconds = Double(fields["slowestSeconds"] ?? "") ?? 0
        return s
    }

    /// The runtime's message and the first frame in the project's code (not the fuzzer's), from
    /// the backtrace the Swift runtime writes to a child's log: “arithmetic overflow in
    /// LocalDate.init(dayNumber:) at LocalDate.swift:37”.
    static func firstClue(logPath: String) -> String {
        guard let log = try? String(contentsOfFile: logPath, encoding: .utf8) else { return "" }
        let lines = log.split(separator: "\n").map(String.init)
        var clue = ""
        if let fatal = lines.first(where: { $0.contains("Fatal error: ") }) {
            clue = String(fatal[fatal.range(of: "Fatal error: ")!.upperBound...])
        } else if let failure = lines.first(where: { $0.hasPrefix("*** Swift runtime failure: ") }) {
            clue = failure.replacingOccurrences(of: "*** Swift runtime failure: ", with: "").replacingOccurrences(of: " ***", with: "")
        }
        let frames = lines.compactMap(Frame.init).filter { !$0.isFuzzer }
        if let frame = frames.first(where: \.isProjectSource) ?? frames.first(where: { $0.place.isEmpty }) {
            clue += (clue.isEmpty ? "" : " ") + "in \(frame.symbol)" + (frame.place.isEmpty ? "" : " at \(frame.place)")
        }
        return clue.isEmpty ? "" : ": " + clue
    }
}

/// One frame of the runtime's backtrace: `  1 [ra] 0x… LocalDate.adding(months:) + 953 in
/// vigia-fuzz at /…/Sources/VigiaCore/Support/LocalDate.swift:53:20`.
struct Frame {
    let symbol: String
    let path: String
    /// `LocalDate.swift:53`, or empty for `<compiler-generated>` (code inlined from elsewhere).
    var place: String {
        path.hasPrefix("/") && !path.contains("<compiler-generated>") ? path.split(separator: "/").last.map { $0.split(separator: ":").prefix(2).joined(separator: ":") } ?? "" : ""
    }

    init?(_ line: String) {
        guard let address = line.range(of: " 0x"), let inBinary = line.range(of: " in vigia-fuzz at ") else { return nil }
        let afterAddress = line[address.upperBound...].drop { $0 != " " }.dropFirst()
        guard afterAddress.startIndex <= inBinary.lowerBound else { return nil }
        var symbol = String(line[afterAddress.startIndex..<inBinary.lowerBound])
        if let offset = symbol.range(of: " + ", options: .backwards) { symbol = String(symbol[..<offset.lowerBound]) }
        self.symbol = symbol
        path = String(line[inBinary.upperBound...])
    }

    /// The fuzzer's own frames and the runtime's message line.
    var isFuzzer: Bool {
        symbol.hasPrefix("Swift runtime failure")
            || ["FuzzTarget", "FuzzDriver", "vigia_fuzz_main", "closure #"].contains { symbol.contains($0) }
    }

    var isProjectSource: Bool {
        path.contains("/Sources/Vigia") && !path.contains("/Sources/VigiaFuzz/")
    }
}
