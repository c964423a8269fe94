import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

/// Files from Windows end lines with CRLF, which Swift reads as one Character (neither "\r" nor
/// "\n"); old Mac files with CR alone. The importers read all three the same.
@Suite("CRLF and CR line ends")
struct LineEndingTests {
    func sample(_ name: String) throws -> String { try String(contentsOf: Seeds.sample(name), encoding: .utf8) }

    @Test(arguments: ["\r\n", "\r"])
    func theSamplePlanReadsTheSame(lineEnd: String) throws {
        let lf = try sample("plan-mejoramiento-demo.tsv")
        #expect(!lf.contains("\r"))
        let expected = try PlanImporter.importPlan(text: lf)
        let other = try PlanImporter.importPlan(text: lf.replacingOccurrences(of: "\n", with: lineEnd))
        #expect(other.plan == expected.plan)
        #expect(other.notes == expected.notes)
        #expect(other.plan.hallazgos.count == expected.plan.hallazgos.count && !expected.plan.hallazgos.isEmpty)
    }

    @Test(arguments: ["\r\n", "\r"])
    func theSampleProgramReadsTheSame(lineEnd: String) throws {
        let lf = try sample("seguimiento-paac-demo-2026-c2.txt")
        let expected = try ProgramImporter.importProgram(text: lf)
        let other = try ProgramImporter.importProgram(text: lf.replacingOccurrences(of: "\n", with: lineEnd))
        #expect(other.program == expected.program)
        #expect(other.periodo == expected.periodo)
        #expect(other.program.activityCount > 0)
    }

    @Test func aQuotedCellKeepsItsLineBreakAndLinesAreCounted() {
        let rows = TabularText("x\t\"dos\r\nlíneas\"\r\ny\rz\n").rows
        #expect(rows.map(\.cells) == [["x", "dos\nlíneas"], ["y"], ["z"]])
        #expect(rows.map(\.number) == [1, 3, 4])
    }

    @Test func anErrorNamesTheLineOfACRLFFile() {
        let text = b007(rows: ["1\tHallazgo\tCausa\tAcción\tJefe\t31/02/2025\t30/06/2025\t1 informe\tNúmero de informes"])
            .replacingOccurrences(of: "\n", with: "\r\n")
        do { _ = try PlanImporter.importPlan(text: text); Issue.record("accepted") } catch {
            #expect(error.line == 5)
            #expect(error.column == 5)
        }
    }
}
