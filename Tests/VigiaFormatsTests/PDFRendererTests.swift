import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

/// `pdftotext` (poppler-utils) and `pdfinfo` on a rendered PDF.
enum Poppler {
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") }

    static func run(_ tool: String, _ pdf: Data, _ args: [String] = []) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID().uuidString).pdf")
        try pdf.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        p.arguments = args + [path.path] + (tool == "pdftotext" ? ["-"] : [])
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func pages(_ pdf: Data) throws -> Int {
        let info = try run("pdfinfo", pdf)
        return Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "0") ?? 0
    }

    /// The text with every run of white space made one space (cells wrap across lines).
    static func flatText(_ pdf: Data) throws -> String {
        try run("pdftotext", pdf, ["-raw"]).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

func flat(_ s: String) -> String { s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }

@Suite("PDF of the plan and of the seguimiento", .enabled(if: Poppler.available, "poppler-utils is not installed"))
struct PDFRendererTests {
    @Test func theSeedPlanHasEveryCellTextInOrder() throws {
        guard let url = Seeds.planSeed else { return }
        let plan = try PlanImporter.importPlan(text: String(contentsOf: url, encoding: .utf8)).plan
        let doc = PlanReport.build(plan, round: 1)
        let pdf = try PDFRenderer.render(doc)
        let text = try Poppler.flatText(pdf)
        var cursor = text.startIndex
        for finding in plan.hallazgos {
            // each finding's description appears, after the previous one
            let needle = flat(String(finding.descripcion.prefix(60)))
            guard let r = text.range(of: needle, range: cursor..<text.endIndex) else {
                Issue.record("missing or out of order: «\(needle)»"); continue
            }
            cursor = r.upperBound
        }
        for finding in plan.hallazgos { for a in finding.acciones {
            #expect(text.contains(flat(String(a.descripcion.prefix(50)))), "«\(a.descripcion.prefix(50))»")
        } }
        #expect(text.contains("Página 1 de"))
        #expect(text.contains("Sara Calad Lopez"))
        #expect(text.contains("ALCALDÍA DE PASTO"))
        let info = try Poppler.run("pdfinfo", pdf)
        #expect(info.contains("Author:") && info.contains("ALCALDÍA DE PASTO"))
    }

    @Test func aLargePlanPaginatesWithoutCuttingARow() throws {
        var plan = PlanSnapshot(formato: FormatHeader(entidad: "ENTIDAD DE PRUEBA", codigo: "X-1"), unidadAuditable: "Oficina")
        for n in 1...300 {
            plan.hallazgos.append(FindingSnapshot(numero: n, descripcion: "Hallazgo número \(n) con un texto que ocupa varias líneas para medir la altura de la fila; "
                + String(repeating: "texto ", count: n % 7 * 8), causa: "Causa \(n)", acciones: (1...(1 + n % 4)).map {
                    ActionSnapshot(descripcion: "Acción \(n).\($0) — descripción", responsable: "Jefe", meta: "1 informe", indicador: "Número de informes")
                }))
        }
        let doc = PlanReport.build(plan)
        let pdf = try PDFRenderer.render(doc)
        let pages = try Poppler.pages(pdf)
        #expect(pages > 20)
        // every page repeats the table header and carries its number
        let raw = try Poppler.run("pdftotext", pdf, ["-raw"])
        let pageTexts = raw.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init).filter { !$0.trimmed.isEmpty }
        #expect(pageTexts.count == pages)
        for (i, p) in pageTexts.enumerated() {
            #expect(p.contains("Página \(i + 1) de \(pages)"))
            #expect(flat(p).contains("DESCRIPCIÓN DEL HALLAZGO U OBSERVACIÓN"))
        }
        // no finding is split: all of a finding's actions are on the page of its description
        for n in [1, 57, 150, 299] {
            guard let page = pageTexts.first(where: { flat($0).contains("Hallazgo número \(n) con") }) else {
                Issue.record("hallazgo \(n) missing"); continue
            }
            for a in 1...(1 + n % 4) { #expect(page.contains("Acción \(n).\(a) —"), "hallazgo \(n), acción \(a)") }
        }
    }

    @Test func theSeedSeguimientoHasItsFigures() throws {
        guard let url = Seeds.programSeed else { return }
        let program = try ProgramImporter.importProgram(text: String(contentsOf: url, encoding: .utf8)).program
        let pdf = try PDFRenderer.render(ProgramReport.build(program, period: 2), options: .init(paper: .a4))
        let text = try Poppler.flatText(pdf)
        #expect(text.contains("SEGUIMIENTO PLAN ANTICORRUPCIÓN Y DE ATENCIÓN AL CIUDADANO"))
        #expect(text.contains("SEGUNDO CUATRIMESTRE 2023"))
        for figure in ["85,4 %", "55,7 %", "72,8 %", "66 %", "59 %", "49,5 %", "64,7 %"] { #expect(text.contains(figure), "\(figure)") }
        #expect(text.contains("GILBERTO PARDO LOPEZ"))
    }
}
