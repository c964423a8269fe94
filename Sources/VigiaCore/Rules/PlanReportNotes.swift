import Foundation

/// A short line shown under a cell of the B-I-007 table on the plan page (“Efecto: …”,
/// “esperado 45 %”…): detail the official document leaves out.
public struct CellNote: Sendable, Equatable {
    public var label: String?
    public var text: String
    public init(_ label: String?, _ text: String) { self.label = label; self.text = text }
    public init(_ text: String) { self.init(nil, text) }
}

/// The notes of one row of `PlanReport.build`'s table, and which finding and action it shows.
public struct PlanReportRowNotes: Sendable, Equatable {
    /// Index in `hallazgos`; nil for the total row.
    public var finding: Int?
    /// Index in the finding's `acciones`; nil for a finding without actions and the total row.
    public var action: Int?
    /// Column index → lines under the cell's text.
    public var notes: [Int: [CellNote]]
    /// The action trails its expected progress (shown as a tag in the % DE AVANCE cell).
    public var behind: Bool

    public init(finding: Int?, action: Int?, notes: [Int: [CellNote]] = [:], behind: Bool = false) {
        self.finding = finding; self.action = action; self.notes = notes; self.behind = behind
    }
}

/// What the plan page adds to the B-I-007 document's cells, row by row in the document's order:
/// efecto and criterio, the dependencias, the plazo in weeks, the expected progress, atrasada,
/// the OCI's justifications and how many actions were graded.
public enum PlanReportNotes {
    public enum Column {
        public static let number = 0, finding = 1, action = 3, responsible = 4, finalDate = 6
        public static let progress = 9, actionState = 12, findingProgress = 13, findingState = 14
    }

    public static func build(_ plan: PlanSnapshot, round number: Int? = nil) -> [PlanReportRowNotes] {
        let e = PlanEvaluator.evaluate(plan, round: number)
        var rows: [PlanReportRowNotes] = []
        for (fi, f) in plan.hallazgos.enumerated() {
            let fe = e.hallazgos[fi]
            var findingNotes: [Int: [CellNote]] = [
                Column.finding: (f.efecto.isEmpty ? [] : [CellNote("Efecto: ", f.efecto)]) + (f.criterio.isEmpty ? [] : [CellNote("Criterio: ", f.criterio)]),
                Column.findingProgress: [CellNote("\(fe.avance.calificadas) de \(fe.avance.total) calificadas")],
                Column.findingState: fe.justificacion.map { [CellNote("Ajustado por la OCI: \($0)")] } ?? [],
            ]
            guard !f.acciones.isEmpty else {
                findingNotes[Column.action] = [CellNote("Sin acciones formuladas")]
                rows.append(PlanReportRowNotes(finding: fi, action: nil, notes: findingNotes.filter { !$0.value.isEmpty }))
                continue
            }
            for (ai, a) in f.acciones.enumerated() {
                let ae = fe.acciones[ai]
                var notes: [Int: [CellNote]] = ai == 0 ? findingNotes : [:]
                notes[Column.responsible] = a.dependencias.isEmpty ? nil : [CellNote(a.dependencias.joined(separator: ", "))]
                notes[Column.finalDate] = ae.plazoSemanas.map { [CellNote("\(SpanishFormat.number($0)) semanas")] }
                notes[Column.progress] = ae.avanceEsperado.map { [CellNote("esperado \(SpanishFormat.percent($0))")] }
                notes[Column.actionState] = ae.justificacion.map {
                    [CellNote("Ajustado por la OCI (sugerido: \(ae.estadoSugerido?.label ?? "—")): \($0)")]
                }
                rows.append(PlanReportRowNotes(finding: fi, action: ai, notes: notes.filter { !$0.value.isEmpty }, behind: ae.atrasada))
            }
        }
        rows.append(PlanReportRowNotes(finding: nil, action: nil,
                                       notes: [Column.actionState: [CellNote("(\(e.plan.metodo.label.lowercased()))")]]))
        return rows
    }
}
