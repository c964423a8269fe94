import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

/// SIRECI's F14.1 of a CGR plan, with every figure computed by hand.
@Suite("F14.1 (SIRECI): rows, plazo en semanas, cumplimiento and avance")
struct F14ReportTests {
    static func day(_ d: Int, _ m: Int, _ y: Int = 2026) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    /// Finding 1 (CGR code H1-2025-01): 05/01–30/03 (84 days, 12 weeks) graded 100 %, 02/02–31/08 (210 days, 30 weeks) graded 50 %.
    /// Finding 2 (no code): 01/03–30/06 (121 days, 17,3 → 17 weeks) graded 60 %, and an action without dates.
    static let plan = PlanSnapshot(
        formato: FormatHeader(entidad: "Alcaldía de San Isidro del Valle"), unidadAuditable: "Secretaría de Hacienda", numeroAuditoria: "CGR-AF-2025-14",
        origen: .contraloriaGeneral, estado: .suscrito,
        hallazgos: [
            FindingSnapshot(numero: 1, descripcion: "Conciliaciones bancarias sin soporte", causa: "Falta de procedimiento", efecto: "Riesgo de pérdida",
                            codigo: "H1-2025-01", acciones: [
                ActionSnapshot(descripcion: "Adoptar el procedimiento de conciliación", fechaInicial: day(5, 1), fechaFinal: day(30, 3),
                               meta: "Procedimiento adoptado", metaCantidad: 1, metaUnidad: "Procedimiento", objetivo: "Conciliar todas las cuentas cada mes"),
                ActionSnapshot(descripcion: "Conciliar mensualmente", fechaInicial: day(2, 2), fechaFinal: day(31, 8),
                               meta: "Conciliaciones mensuales", metaCantidad: 7, metaUnidad: "Conciliaciones"),
            ]),
            FindingSnapshot(numero: 2, descripcion: "Cartera sin depurar", acciones: [
                ActionSnapshot(descripcion: "Depurar la cartera", fechaInicial: day(1, 3), fechaFinal: day(30, 6), meta: "Informe de depuración"),
                ActionSnapshot(descripcion: "Capacitar al equipo"),
            ]),
        ],
        seguimientos: [RoundSnapshot(numero: 1, fechaCorte: day(30, 6), calificaciones: [
            GradeSnapshot(accion: ActionRef(hallazgo: 0, accion: 0), porcentaje: 100, observaciones: "Resolución 045 de 2026"),
            GradeSnapshot(accion: ActionRef(hallazgo: 0, accion: 1), porcentaje: 50),
            GradeSnapshot(accion: ActionRef(hallazgo: 1, accion: 0), porcentaje: 60),
        ])])

    @Test("Cumplimiento counts the actions due by the cut-off, avance all of them, each weighted by its weeks")
    func figures() throws {
        let e = F14Report.evaluate(Self.plan, corte: Self.day(30, 6))
        #expect(e.seguimiento == 1 && e.filas.count == 4)
        #expect(e.filas.map(\.plazoSemanas) == [12, 30, 17, nil])
        #expect(e.filas.map(\.codigoHallazgo) == ["H1-2025-01", "H1-2025-01", "2", "2"])
        #expect(e.filas.map(\.vencida) == [true, false, true, false])
        // (12 × 100 + 17 × 60) / (12 + 17) and (12 × 100 + 30 × 50 + 17 × 60) / (12 + 30 + 17).
        #expect(e.cumplimiento == 2220.0 / 29 && e.avance == 3720.0 / 59)
        // A cut before the seguimiento reads no grades: nothing done yet.
        let early = F14Report.evaluate(Self.plan, corte: Self.day(31, 12, 2025))
        #expect(early.seguimiento == nil && early.cumplimiento == nil && early.avance == 0)
        #expect(F14Report.plazoSemanas(Self.day(4, 1), Self.day(31, 12)) == 52 && F14Report.plazoSemanas(Self.day(2, 3), Self.day(1, 3)) == nil)
        #expect(F14Report.isSemesterCut(Self.day(30, 6)) && F14Report.isSemesterCut(Self.day(31, 12)) && !F14Report.isSemesterCut(Self.day(1, 7)))
    }

    @Test("The workbook: the form's columns, one row per action, the plazo as a formula over the two dates, the figures of the OCI")
    func workbook() throws {
        let doc = F14Report.build(Self.plan, corte: Self.day(30, 6), formato: FormatHeader())
        #expect(doc.metadatos.contains(ReportField("Fecha", "2026/06/30")) && doc.metadatos.contains(ReportField("Cumplimiento", "76,6 %")))
        let sheet = try XLSXSheet.read(try XLSXRenderer.render(doc))
        let header = try #require(sheet.cells.first { $0.value == "ACTIVIDADES / PLAZO EN SEMANAS" }?.key)
        let headerRow = Int(header.drop { $0.isLetter }) ?? 0
        #expect(header.hasPrefix("O"))
        let first = headerRow + 1
        #expect(sheet.cells["C\(first)"] == F14Report.modalidadSeguimiento && sheet.cells["D\(first)"] == "H1-2025-01")
        #expect(sheet.cells["I\(first)"] == "Conciliar todas las cuentas cada mes")
        #expect(sheet.formulas["O\(first)"] == "IF(AND(ISNUMBER(M\(first)),ISNUMBER(N\(first)),N\(first)>=M\(first)),ROUND((N\(first)-M\(first))/7,0),\"\")")
        #expect(sheet.numbers["O\(first)"] == 12 && sheet.numbers["O\(first + 1)"] == 30 && sheet.numbers["O\(first + 2)"] == 17)
        #expect(sheet.numbers["P\(first)"] == 1 && sheet.numbers["P\(first + 1)"] == 0.5 && sheet.numbers["L\(first + 1)"] == 7)
        #expect(sheet.cells["Q\(first)"] == "Resolución 045 de 2026")
        #expect(sheet.cells.values.contains("Cumplimiento del plan") && sheet.cells.values.contains("Avance del plan"))
    }
}
