import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

/// Every text cell, every % (as a number) and every span of the document are where the
/// renderer says, read back from the file.
func expectSameTable(_ t: ReportTable, in sheet: XLSXSheet, firstTitle: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let header = sheet.row(whereColumnA: firstTitle) else {
        Issue.record("no header row «\(firstTitle)»", sourceLocation: sourceLocation)
        return
    }
    for (k, col) in t.columnas.enumerated() {
        #expect(sheet.cells[XLSXSheet.ref(header, k)] == col.titulo, sourceLocation: sourceLocation)
    }
    for (r, fila) in t.filas.enumerated() {
        for (k, cell) in fila.celdas.enumerated() where !cell.cubierta {
            let ref = XLSXSheet.ref(header + 1 + r, k)
            if t.columnas[k].tipo == .porcentaje, let v = cell.valor {
                #expect(abs((sheet.numbers[ref] ?? -1) - v / 100) < 1e-9, "\(ref)", sourceLocation: sourceLocation)
            } else if t.columnas[k].tipo == .fecha, let date = LocalDate(dayFirst: cell.texto) {
                // A real date: Excel's day number (from 30/12/1899), shown dd/mm/yyyy.
                let serial = Double(LocalDate.days(from: LocalDate(year: 1899, month: 12, day: 30)!, to: date))
                #expect(sheet.numbers[ref] == serial, "\(ref): \(cell.texto)", sourceLocation: sourceLocation)
            } else if t.columnas[k].tipo == .numero, let n = Int(cell.texto) {
                #expect(sheet.numbers[ref] == Double(n), "\(ref): \(cell.texto)", sourceLocation: sourceLocation)
            } else if !(t.columnas[k].tipo == .porcentaje && cell.formula != nil) && !cell.texto.isEmpty {
                #expect(sheet.cells[ref]?.hasPrefix(cell.texto) == true, "\(ref): «\(cell.texto.prefix(40))»", sourceLocation: sourceLocation)
            }
            if cell.filas > 1 {
                let range = "\(ref):\(XLSXSheet.ref(header + r + cell.filas, k))"
                #expect(sheet.merges.contains(range), "merge \(range)", sourceLocation: sourceLocation)
            }
        }
    }
}

@Suite("XLSX of the B-I-007 plan and of the program seguimiento")
struct XLSXRendererTests {
    @Test func theSeedPlanRoundTrips() throws {
        guard let url = Seeds.planSeed else { return }
        var plan = try PlanImporter.importPlan(text: String(contentsOf: url, encoding: .utf8)).plan
        plan.seguimientos[0].fechaCorte = LocalDate(year: 2025, month: 6, day: 30)
        plan.seguimientos[0].calificaciones.append(GradeSnapshot(accion: .init(hallazgo: 0, accion: 0), porcentaje: 50, evidencias: "Acta 1"))
        let doc = PlanReport.build(plan, round: 1)
        let sheet = try XLSXSheet.read(try XLSXRenderer.render(doc))
        expectSameTable(doc.secciones[0].tabla, in: sheet, firstTitle: "No.")
        // the seed's texts are all there
        let seed = try String(contentsOf: url, encoding: .utf8)
        for finding in plan.hallazgos {
            #expect(seed.contains(finding.descripcion))
            #expect(sheet.cells.values.contains(finding.descripcion))
            for a in finding.acciones { #expect(sheet.cells.values.contains(a.descripcion)) }
        }
        #expect(sheet.cells.values.contains("ALCALDÍA DE PASTO"))
        #expect(sheet.cells.values.contains("CÓDIGO B-I-007"))
        #expect(sheet.cells.values.contains("Sara Calad Lopez"))
        // the finding's % is a live AVERAGE of its actions
        let header = try #require(sheet.row(whereColumnA: "No."))
        #expect(sheet.formulas[XLSXSheet.ref(header + 1, 13)] == "IFERROR(AVERAGE(J\(header + 2):J\(header + 5)),\"\")")
        #expect(abs((sheet.numbers[XLSXSheet.ref(header + 1, 13)] ?? 0) - 0.5) < 1e-9)
    }

    @Test func theSeedSeguimientoRoundTrips() throws {
        guard let url = Seeds.programSeed else { return }
        let program = try ProgramImporter.importProgram(text: String(contentsOf: url, encoding: .utf8)).program
        let doc = ProgramReport.build(program, period: 2)
        let data = try XLSXRenderer.render(doc)
        let sheet = try XLSXSheet.read(data)
        for s in doc.secciones {
            #expect(sheet.cells.values.contains(s.titulo!))
            for row in s.tabla.filas { for cell in row.celdas where !cell.texto.isEmpty && cell.valor == nil {
                if let date = LocalDate(dayFirst: cell.texto) {
                    // Dates are typed cells: Excel's day number.
                    let serial = Double(LocalDate.days(from: LocalDate(year: 1899, month: 12, day: 30)!, to: date))
                    #expect(sheet.numbers.values.contains(serial), "«\(cell.texto)»")
                } else {
                    #expect(sheet.cells.values.contains { $0.hasPrefix(cell.texto) }, "«\(cell.texto.prefix(50))»")
                }
            } }
        }
        let summary = try XLSXSheet.read(data, sheet: 2)
        expectSameTable(doc.resumen!, in: summary, firstTitle: "COMPONENTE")
        let total = try #require(doc.resumen?.filas.last?.celdas[4].valor)
        #expect((total * 10).rounded() / 10 == 64.7)
    }
}

@Suite("The comité's report in Excel and PDF: a native chart over the table, nothing traps on an empty one")
struct CommitteeReportRenderTests {
    @Test("An entity with no plans: an empty table, no chart data; both renderers finish")
    func emptyEntity() throws {
        let doc = CommitteeReport.entity([], formato: FormatHeader(entidad: "Alcaldía"), today: LocalDate(year: 2027, month: 1, day: 20)!)
        #expect(doc.chartBars.isEmpty)
        let xlsx = try XLSXRenderer.render(doc)
        #expect(!(try ZIPEntries(xlsx).entries.map(\.path).contains("xl/charts/chart1.xml")), "no chart without data")
        #expect(try PDFRenderer.render(doc).starts(with: Data("%PDF-".utf8)))
        // A section with no rows at all, and a chart pointing at a section that does not exist.
        var odd = doc
        odd.secciones[0].tabla.filas = []
        odd.secciones.append(ReportSection(tabla: ReportTable(columnas: [ReportColumn("X", ancho: 5)], filas: [])))
        odd.grafico?.seccion = 7
        _ = try XLSXRenderer.render(odd)
        _ = try PDFRenderer.render(odd)
    }

    @Test("The sample plan: one bar per finding, a chart part in the workbook that reads the table's cells")
    func samplePlan() throws {
        let plan = try PlanImporter.importPlan(text: try String(contentsOf: Seeds.sample("plan-mejoramiento-demo.tsv"), encoding: .utf8)).plan
        let doc = CommitteeReport.plan(plan, today: LocalDate(year: 2026, month: 12, day: 7)!)
        #expect(doc.chartBars.count == plan.hallazgos.count)
        let data = try XLSXRenderer.render(doc)
        let zip = try ZIPEntries(data)
        let header = try #require(try XLSXSheet.read(data).row(whereColumnA: "No."))
        let chart = try #require(zip.entries.first { $0.path == "xl/charts/chart1.xml" })
        let xml = String(decoding: try zip.contents(of: chart, limit: 1_000_000), as: UTF8.self)
        // Categories are column A and «Cumplidas o cerradas» column E of the sheet, rows of the findings only (not the total).
        let first = header + 2, last = first + plan.hallazgos.count - 1
        #expect(xml.contains("'Seguimiento'!$A$\(first):$A$\(last)") || xml.contains("Seguimiento!$A$\(first):$A$\(last)"), "\(xml.prefix(600))")
        #expect(xml.contains("$E$\(first):$E$\(last)"))
    }
}
