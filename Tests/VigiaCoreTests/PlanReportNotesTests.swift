import Foundation
import Testing
@testable import VigiaCore

private func d(_ text: String) -> LocalDate { LocalDate(dayFirst: text)! }

@Suite("The plan page's notes follow the B-I-007 document row by row")
struct PlanReportNotesTests {
    let plan = PlanSnapshot(
        metodo: .mean,
        hallazgos: [
            FindingSnapshot(numero: 1, descripcion: "H1", efecto: "Pérdida", criterio: "Ley 1", acciones: [
                ActionSnapshot(descripcion: "A", dependencias: ["Rentas", "Tesorería"], fechaInicial: d("02/03/2026"), fechaFinal: d("31/07/2026")),
                ActionSnapshot(descripcion: "B", fechaInicial: d("16/02/2026"), fechaFinal: d("30/06/2026")),
            ]),
            FindingSnapshot(numero: 2, descripcion: "H2"),
        ],
        seguimientos: [RoundSnapshot(numero: 1, fechaCorte: d("30/06/2026"), calificaciones: [
            GradeSnapshot(accion: ActionRef(hallazgo: 0, accion: 0), porcentaje: 50),
            GradeSnapshot(accion: ActionRef(hallazgo: 0, accion: 1), porcentaje: 80, estado: .vencida, justificacion: "Sin soportes"),
        ], hallazgos: [FindingGradeSnapshot(hallazgo: 1, estado: .cerrado, justificacion: "No aplica")])])

    @Test func oneEntryPerDocumentRow() {
        let doc = PlanReport.build(plan)
        let notes = PlanReportNotes.build(plan)
        let rows = doc.secciones[0].tabla.filas
        #expect(notes.count == rows.count)
        #expect(notes.map(\.finding) == [0, 0, 1, nil])
        #expect(notes.map(\.action) == [0, 1, nil, nil])
        #expect(rows[0].celdas[0].texto == "1" && rows[2].celdas[0].texto == "2" && rows[3].total)
    }

    @Test func theNotesAreTheDetailTheDocumentLeavesOut() {
        typealias C = PlanReportNotes.Column
        let notes = PlanReportNotes.build(plan)
        #expect(notes[0].notes[C.finding] == [CellNote("Efecto: ", "Pérdida"), CellNote("Criterio: ", "Ley 1")])
        #expect(notes[0].notes[C.responsible] == [CellNote("Rentas, Tesorería")])
        #expect(notes[0].notes[C.finalDate] == [CellNote("21,6 semanas")])
        #expect(notes[0].notes[C.progress] == [CellNote("esperado 79,6 %")])
        #expect(notes[0].behind)
        #expect(notes[0].notes[C.findingProgress] == [CellNote("2 de 2 calificadas")])
        #expect(notes[1].notes[C.actionState] == [CellNote("Ajustado por la OCI (sugerido: EN EJECUCIÓN): Sin soportes")])
        #expect(notes[1].notes[C.finding] == nil)
        #expect(notes[2].notes[C.action] == [CellNote("Sin acciones formuladas")])
        #expect(notes[2].notes[C.findingState] == [CellNote("Ajustado por la OCI: No aplica")])
        #expect(notes[3].notes[C.actionState] == [CellNote("(promedio simple de las acciones)")])
    }
}
