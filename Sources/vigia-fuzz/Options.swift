import Foundation
import VigiaFuzz

/// `vigia-fuzz [--iterations N] [--seed S] [--target NAME]… [--jobs J] [--root DIR] [--crash-dir DIR]
/// [--hang-seconds T] [--max-traps K]`, or one input in this process: `--replay ITERATION` / `--input FILE`.
struct Options {
    var iterations: UInt64 = 100_000
    var seed: UInt64 = 1
    var targets: [String] = []
    var jobs = 1
    var root = FuzzCorpus.projectRoot
    var crashDir = ".build/fuzz-crashes"
    var hangSeconds = 60.0
    var maxTraps = 3
    var replay: UInt64? = nil
    var input: String? = nil
    var save: String? = nil
    var list = false
    /// Internal: run as the child of a supervising `vigia-fuzz`.
    var child = false
    var firstIteration: UInt64 = 0
    var progressFile: String? = nil

    static let usage = """
        usage: vigia-fuzz [--iterations N] [--seed S] [--target NAME]... [--jobs J] [--root DIR]
                          [--crash-dir DIR] [--hang-seconds T] [--max-traps K]
               vigia-fuzz --target NAME --seed S --replay ITERATION [--save FILE]
                                                                (one generated input, in this process)
               vigia-fuzz --target NAME --input FILE                    (one saved input, in this process)
               vigia-fuzz --list
        Each target runs in a child process, so a trap is caught, reported and its input saved.
        """

    init(_ arguments: [String]) throws {
        var args = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let v = args.popFirst() else { throw UsageError("\(flag) needs a value") }
            return v
        }
        func number<T: FixedWidthInteger>(_ flag: String) throws -> T {
            let text = try value(flag).replacingOccurrences(of: "_", with: "")
            guard let n = T(text) else { throw UsageError("\(flag): «\(text)» is not a number") }
            return n
        }
        while let arg = args.popFirst() {
            switch arg {
            case "--iterations": iterations = try number(arg)
            case "--seed": seed = try number(arg)
            case "--target": targets += try value(arg).split(separator: ",").map(String.init)
            case "--jobs": jobs = max(1, try number(arg) as Int)
            case "--root": root = URL(fileURLWithPath: try value(arg))
            case "--crash-dir": crashDir = try value(arg)
            case "--hang-seconds": hangSeconds = Double(try number(arg) as Int)
            case "--max-traps": maxTraps = max(1, try number(arg) as Int)
            case "--replay": replay = try number(arg)
            case "--input": input = try value(arg)
            case "--save": save = try value(arg)
            case "--list": list = true
            case "--child": child = true
            case "--first-iteration": firstIteration = try number(arg)
            case "--progress-file": progressFile = try value(arg)
            case "-h", "--help": throw UsageError(nil)
            default: throw UsageError("unknown argument «\(arg)»")
            }
        }
    }
}

struct UsageError: Error {
    let message: String?
    init(_ message: String?) { self.message = message }
}

