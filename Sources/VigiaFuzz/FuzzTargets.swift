import Foundation
import VigiaCore
import VigiaFormats

/// What one input came to: accepted, or refused with an error (both fine; only a trap is not).
public enum FuzzOutcome: Sendable { case accepted, rejected }

/// One function under fuzz: how to make an input (bytes, so any input saves to a file and
/// replays) and how to run it.
public struct FuzzTarget: Sendable {
    public let name: String
    public let summary: String
    let generate: @Sendable (inout FuzzRandom, FuzzCorpus) -> [UInt8]
    public let run: @Sendable ([UInt8]) -> FuzzOutcome

    /// The input of one iteration; depends only on (seed, iteration) and the corpus.
    public func input(seed: UInt64, iteration: UInt64, corpus: FuzzCorpus) -> [UInt8] {
        var r = FuzzRandom(seed: seed, iteration: iteration)
        return generate(&r, corpus)
    }

    public static let all: [FuzzTarget] = [.plan, .program, .workbook, .outline, .dates, .percent, .number, .logo, .listCSV, .riskMap, .riskMethodology]

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// Keeps a result alive so the optimiser cannot drop the work that produced it.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

extension FuzzTarget {
    static let plan = FuzzTarget(
        name: "plan", summary: "PlanImporter (B-I-007 pasted from Excel), then checks, evaluation and report of what it read",
        generate: { r, corpus in TextMutator(corpus: corpus.plans).mutate(r.pick(corpus.plans), &r) },
        run: { bytes in
            do throws(ImportError) {
                let result = try PlanImporter.importPlan(text: text(bytes))
                blackHole(result.notes.map(\.description))
                blackHole(PlanChecks.run(result.plan))
                blackHole(PlanEvaluator.evaluate(result.plan))
                blackHole(PlanReport.build(result.plan))
                return .accepted
            } catch {
                blackHole(error.description)
                return .rejected
            }
        })

    static let workbook = FuzzTarget(
        name: "workbook", summary: "XLSXWorkbook and the plan and program importers over a damaged .xlsx (bytes flipped, cut, repeated)",
        generate: { r, corpus in
            var bytes = r.pick(corpus.workbooks)
            // Some intact workbooks, so the readers' accepting side runs too.
            if r.chance(5) { return bytes }
            for _ in 0..<(1 + r.below(12)) where !bytes.isEmpty {
                switch r.below(3) {
                case 0: bytes[r.below(bytes.count)] = UInt8(truncatingIfNeeded: r.next())
                case 1: bytes.removeSubrange(r.below(bytes.count)..<bytes.count)
                default:
                    let at = r.below(bytes.count)
                    bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + r.below(64))], at: at)
                }
            }
            return bytes
        },
        run: { bytes in
            let data = Data(bytes)
            let plan = try? PlanImporter.importPlan(workbook: data)
            let program = try? ProgramImporter.importProgram(workbook: data)
            blackHole((plan?.plan.hallazgos.count, program?.program.activityCount))
            return plan == nil && program == nil ? .rejected : .accepted
        })

    static let program = FuzzTarget(
        name: "program", summary: "ProgramImporter (PAAC/PTEP seguimiento text), then evaluation, checks and report",
        generate: { r, corpus in TextMutator(corpus: corpus.programs).mutate(r.pick(corpus.programs), &r) },
        run: { bytes in
            do throws(ImportError) {
                let result = try ProgramImporter.importProgram(text: text(bytes))
                let program = result.program, period = result.periodo
                blackHole(ProgramEvaluator.evaluate(program, period: period, method: .meanOfActivities))
                let cutOff = program.periodos.first { $0.numero == period }?.fechaCorte
                blackHole(ProgramChecks.run(program, period: period, asOf: cutOff))
                blackHole(ProgramReport.build(program, period: period))
                return .accepted
            } catch {
                blackHole(error.description)
                return .rejected
            }
        })

    static let outline = FuzzTarget(
        name: "outline", summary: "ProgramTemplate.components(fromOutline:), the template editor's parser",
        generate: { r, _ in
            let seeds = [ProgramTemplate.paacV2.outline, ProgramTemplate.ptep.outline].map { Array($0.utf8) }
            return TextMutator(corpus: seeds, maxSize: 16 * 1024).mutate(r.pick(seeds), &r)
        },
        run: { bytes in
            do {
                let components = try ProgramTemplate.components(fromOutline: text(bytes))
                let template = ProgramTemplate(name: "x", titulo: "x", componentes: components, periodicidad: "cuatrimestral")
                blackHole(try ProgramTemplate.components(fromOutline: template.outline))
                return .accepted
            } catch {
                blackHole("\(error)")
                return .rejected
            }
        })
}
