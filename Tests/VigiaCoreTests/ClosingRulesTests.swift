import Foundation
import Testing
@testable import VigiaCore

private func d(_ text: String) -> LocalDate { LocalDate(dayFirst: text)! }

/// A finding with two actions (fechas finales 30/06 and 15/12/2026) and two rounds: 30/09 and 31/12/2026.
private func plan(review: FindingReviewSnapshot? = nil, reformulated: Bool = false, secondPercent: Double = 100) -> PlanSnapshot {
    let a0 = UUID(), a1 = UUID(), a2 = UUID()
    var actions = [
        ActionSnapshot(id: a0, descripcion: "Actualizar el manual", fechaInicial: d("01/03/2026"), fechaFinal: d("30/06/2026"),
                       meta: "1 manual", metaCantidad: 1, indicador: "Número de manuales"),
        ActionSnapshot(id: a1, descripcion: "Conciliar cada mes", fechaInicial: d("01/03/2026"), fechaFinal: d("15/12/2026"),
                       meta: "10 conciliaciones", metaCantidad: 10, indicador: "Número de conciliaciones"),
    ]
    if reformulated {
        actions[1].reformulaciones = [ReformulationSnapshot(
            estado: .aprobada, fechaPropuesta: d("01/10/2026"), proponente: "Responsable", justificacion: "El sistema no estuvo disponible",
            propuesta: ReformulationProposal(descripcion: "Conciliar cada mes con el nuevo sistema", fechaInicial: d("01/11/2026"),
                                             fechaFinal: d("30/06/2027"), meta: "8 conciliaciones", indicador: "Número de conciliaciones",
                                             responsable: "Tesorería"),
            fechaDecision: d("15/10/2026"), aprobador: "Jefe OCI", acta: "Acta 7 del 15/10/2026", sucesora: a2)]
        var successor = ReformulationRules.successor(of: actions[1], actions[1].reformulaciones![0].propuesta)
        successor.id = a2
        actions.append(successor)
    }
    let finding = FindingSnapshot(numero: 1, descripcion: "Cartera sin depurar", acciones: actions, revisiones: review.map { [$0] })
    var grades = [GradeSnapshot(accion: .init(hallazgo: 0, accion: 0), porcentaje: 100),
                  GradeSnapshot(accion: .init(hallazgo: 0, accion: 1), porcentaje: secondPercent)]
    if reformulated { grades.append(GradeSnapshot(accion: .init(hallazgo: 0, accion: 2), porcentaje: 20)) }
    return PlanSnapshot(unidadAuditable: "Hacienda", estado: .enSeguimiento, hallazgos: [finding], seguimientos: [
        RoundSnapshot(numero: 1, fechaCorte: d("30/09/2026"), calificaciones: [GradeSnapshot(accion: .init(hallazgo: 0, accion: 0), porcentaje: 100),
                                                                            GradeSnapshot(accion: .init(hallazgo: 0, accion: 1), porcentaje: 40)]),
        RoundSnapshot(numero: 2, fechaCorte: d("31/12/2026"), calificaciones: grades),
    ])
}

private func review(_ fecha: String, _ eficacia: EficaciaVerdict = .eficaz, _ efectividad: EfectividadVerdict = .efectiva,
                    _ decision: ReviewDecision = .cerrar, observaciones: String = "") -> FindingReviewSnapshot {
    FindingReviewSnapshot(fecha: d(fecha), criterios: "Registros de conciliación de enero a diciembre", eficacia: eficacia,
                          efectividad: efectividad, decision: decision, observaciones: observaciones, revisor: "Jefe OCI")
}

@Suite("Closing a finding: the review of eficacia and efectividad, reformulation")
struct ClosingRulesTests {
    @Test("Every action CUMPLIDA leaves the finding ABIERTO; only a review that closes it makes it CERRADO, with its actions CERRADAS")
    func onlyAReviewCloses() {
        let open = PlanEvaluator.evaluate(plan())
        #expect(open.hallazgos[0].estado == .abierto)
        #expect(open.hallazgos[0].acciones.map(\.estado) == [.cumplida, .cumplida])

        let closed = plan(review: review("20/01/2027"))
        let today = PlanEvaluator.current(closed)
        #expect(today.hallazgos[0].estado == .cerrado && today.hallazgos[0].revision?.decision == .cerrar)
        #expect(today.hallazgos[0].acciones.map(\.estado) == [.cerrada, .cerrada])
        #expect(today.conteoPorEstado == ["CERRADA": 2])
        // Both rounds were cut off before the review: their documents say what stood then.
        #expect(PlanEvaluator.evaluate(closed).hallazgos[0].estado == .abierto && PlanEvaluator.evaluate(closed).hallazgos[0].revision == nil)
        #expect(PlanEvaluator.evaluate(closed, round: 1).hallazgos[0].estado == .abierto)
        // A round cut off after it shows it.
        var later = closed
        later.seguimientos.append(RoundSnapshot(numero: 3, fechaCorte: d("30/04/2027"), calificaciones: closed.seguimientos[1].calificaciones))
        #expect(PlanEvaluator.evaluate(later).hallazgos[0].estado == .cerrado)
        #expect(PlanEvaluator.evaluate(later, round: 2).hallazgos[0].estado == .abierto)
        // A later review that keeps it open reopens it.
        var reopened = closed
        reopened.hallazgos[0].revisiones?.append(review("10/03/2027", .eficaz, .noEfectiva, .mantenerAbierto))
        #expect(PlanEvaluator.current(reopened).hallazgos[0].estado == .abierto)
    }

    @Test("The review's checks: every action CUMPLIDA, evidence, efectividad not before the last fecha final, close only if eficaz and efectiva")
    func reviewProblems() {
        let p = plan(secondPercent: 60)
        let e = PlanEvaluator.evaluate(p)
        let today = d("20/01/2027")
        var problems = FindingReviewRules.problems(review("20/01/2027"), finding: p.hallazgos[0], evaluation: e.hallazgos[0],
                                                   evidenceCount: 1, today: today)
        #expect(problems["hallazgo"]?.contains("faltan: 1.2 (VENCIDA)") == true)

        let ready = plan()
        let re = PlanEvaluator.evaluate(ready).hallazgos[0]
        func check(_ r: FindingReviewSnapshot, files: Int = 1) -> [String: String] {
            FindingReviewRules.problems(r, finding: ready.hallazgos[0], evaluation: re, evidenceCount: files, today: today)
        }
        #expect(check(review("20/01/2027")).isEmpty)
        problems = check(review("20/01/2027"), files: 0)
        #expect(problems["evidencias"]?.contains("al menos un archivo") == true)
        problems = check(review("10/12/2026"))
        #expect(problems["efectividad"]?.contains("antes de la fecha final de la última acción (15/12/2026)") == true)
        // Eficacia alone may be verified early, if the finding stays open.
        #expect(check(review("10/12/2026", .eficaz, .sinEvaluar, .mantenerAbierto, observaciones: "Falta medir la efectividad")).isEmpty)
        problems = check(review("20/01/2027", .eficaz, .sinEvaluar, .cerrar))
        #expect(problems["decision"]?.contains("EFICACES y EFECTIVAS") == true)
        problems = check(review("21/01/2027"))
        #expect(problems["fecha"]?.contains("posterior a hoy") == true)
        problems = FindingReviewRules.problems(review("30/12/2026"), finding: ready.hallazgos[0], evaluation: re, evidenceCount: 1, today: today,
                                               latestCutOff: d("31/12/2026"))
        #expect(problems["fecha"]?.contains("anterior al corte del último seguimiento (31/12/2026)") == true)
        // On the cut-off day itself: allowed while that round is open, refused once it is published
        // (the review would count in a round whose document is frozen).
        for published in [false, true] {
            problems = FindingReviewRules.problems(review("31/12/2026", .eficaz, .sinEvaluar, .mantenerAbierto, observaciones: "Falta medir"),
                                                   finding: ready.hallazgos[0], evaluation: re, evidenceCount: 1, today: today,
                                                   latestCutOff: d("31/12/2026"), cutOffPublished: published)
            #expect((problems["fecha"]?.contains("con corte al 31/12/2026 ya está publicado") == true) == published, "\(problems)")
        }
        // A pending reformulation must be decided before the finding closes.
        var pendingPlan = ready
        pendingPlan.hallazgos[0].acciones[1].reformulaciones = [ReformulationSnapshot(
            fechaPropuesta: d("10/01/2027"), proponente: "R", justificacion: "x", propuesta: ReformulationProposal(keeping: ready.hallazgos[0].acciones[1]))]
        problems = FindingReviewRules.problems(review("20/01/2027"), finding: pendingPlan.hallazgos[0], evaluation: re, evidenceCount: 1, today: today)
        #expect(problems["decision"]?.contains("la acción 1.2 tiene una reformulación pendiente") == true)
        problems = check(review("20/01/2027", .noEficaz, .noEfectiva, .reformular))
        #expect(problems["observaciones"]?.contains("qué debe reformularse") == true)
        var blank = review("20/01/2027")
        blank.criterios = "  "
        #expect(check(blank)["criterios"] != nil)
    }

    @Test("An approved reformulation: the original is REFORMULADA with its grades, no longer counted; the successor is graded on its own")
    func reformulation() {
        let p = plan(reformulated: true)
        let e = PlanEvaluator.evaluate(p)
        let f = e.hallazgos[0]
        #expect(f.acciones.map(\.estado) == [.cumplida, .reformulada, .enEjecucion])
        #expect(f.acciones[1].porcentaje == 100, "the original keeps its grade")
        // Finding %: the mean of 1.1 (100) and the successor 1.3 (20); the reformulated 1.2 does not count.
        #expect(f.avance.porcentaje == 60 && f.avance.total == 2)
        // The first round was cut off before the approval (15/10/2026): there 1.2 is still itself, and
        // its successor did not exist yet (no state, not counted, noted as such in the document).
        let first = PlanEvaluator.evaluate(p, round: 1).hallazgos[0]
        #expect(first.acciones[1].estado == .enEjecucion && !first.acciones[1].isReadOnly)
        #expect(!first.acciones[2].vigente && first.acciones[2].estado == nil && first.avance.total == 2)
        #expect(PlanReport.build(p, round: 1).secciones[0].tabla.filas[2].celdas[11].texto
                == "Acción nueva: reemplaza a la acción 1.2 desde el 15/10/2026, después de este corte.")
        // Excel averages only the rows that count.
        #expect(PlanReport.build(p).secciones[0].tabla.filas[0].celdas[13].formula == .averageOfColumn(column: 9, rowsAt: [0, 2]))
        // F14.1: the REFORMULADA row is listed but does not weigh; at a cut-off before the approval the successor is not listed.
        let f14 = F14Report.evaluate(p, corte: d("31/12/2026"))
        #expect(f14.filas.map(\.cuenta) == [true, false, true] && f14.filas[1].observaciones.hasPrefix("REFORMULADA el 15/10/2026"))
        #expect(F14Report.evaluate(p, corte: d("30/09/2026")).filas.count == 2)
        // The B-I-007 says so in OBSERVACIONES.
        let doc = PlanReport.build(p)
        let rows = doc.secciones[0].tabla.filas
        #expect(rows[1].celdas[11].texto == "REFORMULADA el 15/10/2026 (Jefe OCI, acta Acta 7 del 15/10/2026): la reemplaza la acción 1.3.")
        #expect(rows[1].celdas[12].texto == "REFORMULADA")
        #expect(rows[2].celdas[11].texto == "Reformula la acción 1.2, aprobada el 15/10/2026.")
        // Not pending, not overdue, no longer reviewed.
        #expect(PlanDigest.openActions(p, e).count == 1)
        #expect(FindingReviewRules.readinessProblem(p.hallazgos[0], f)?.contains("1.3 (EN EJECUCIÓN)") == true)
        #expect(FindingReviewRules.lastFechaFinal(p.hallazgos[0], f) == d("30/06/2027"))
    }

    @Test("Who proposes and decides, what a proposal needs, and what a decision needs when the comité approves")
    func reformulationRules() {
        #expect(ReformulationRules.proposeRefusal(role: .responsable) == nil && ReformulationRules.proposeRefusal(role: .oci) == nil)
        #expect(ReformulationRules.proposeRefusal(role: .consulta) != nil)
        #expect(ReformulationRules.decideRefusal(role: .responsable) != nil && ReformulationRules.decideRefusal(role: .oci) == nil)
        #expect(PlanPermissions.reviewRefusal(role: .oci, status: .enSeguimiento) == nil)
        #expect(PlanPermissions.reviewRefusal(role: .responsable, status: .enSeguimiento) != nil)
        #expect(PlanPermissions.reviewRefusal(role: .oci, status: .formulacion)?.contains("formulación") == true)

        let p = plan(reformulated: true)
        let a = p.hallazgos[0].acciones
        #expect(ReformulationRules.actionRefusal(a[1], state: .reformulada, planStatus: .enSeguimiento)?.contains("ya fue reformulada") == true)
        #expect(ReformulationRules.actionRefusal(a[0], state: .cerrada, planStatus: .enSeguimiento)?.contains("CERRADA") == true)
        #expect(ReformulationRules.actionRefusal(a[0], state: .cumplida, planStatus: .formulacion)?.contains("formulación") == true)
        #expect(ReformulationRules.actionRefusal(a[2], state: .enEjecucion, planStatus: .enSeguimiento) == nil)

        let today = d("20/01/2027")
        let same = ReformulationProposal(keeping: a[2])
        #expect(ReformulationRules.proposalProblems(same, justificacion: "x", of: a[2], today: today)["descripcion"]?.contains("igual a la acción actual") == true)
        var later = same
        later.fechaFinal = d("30/09/2027")
        #expect(ReformulationRules.proposalProblems(later, justificacion: "x", of: a[2], today: today).isEmpty)
        #expect(ReformulationRules.kind(later, of: a[2]) == "nuevas fechas")
        #expect(ReformulationRules.proposalProblems(later, justificacion: " ", of: a[2], today: today)["justificacion"] != nil)
        var past = same
        past.fechaFinal = d("31/12/2026")
        #expect(ReformulationRules.proposalProblems(past, justificacion: "x", of: a[2], today: today)["fecha_final"]?.contains("ya pasó") == true)
        var inverted = same
        inverted.fechaInicial = d("01/12/2027")
        #expect(ReformulationRules.proposalProblems(inverted, justificacion: "x", of: a[2], today: today)["fecha_final"]?.contains("anterior a la fecha inicial") == true)
        var huge = later
        huge.metaCantidad = .infinity
        #expect(ReformulationRules.proposalProblems(huge, justificacion: "x", of: a[2], today: today)["meta_cantidad"] != nil)

        let pending = ReformulationSnapshot(fechaPropuesta: today, proponente: "R", justificacion: "x", propuesta: later)
        #expect(ReformulationRules.decisionProblems(pending, approve: true, motivo: "", acta: "", approver: .oci).isEmpty)
        #expect(ReformulationRules.decisionProblems(pending, approve: false, motivo: "", acta: "", approver: .oci)["motivo"] != nil)
        #expect(ReformulationRules.decisionProblems(pending, approve: true, motivo: "", acta: "", approver: .comite)["acta"] != nil)
        #expect(ReformulationRules.decisionProblems(a[1].reformulaciones![0], approve: true, motivo: "", acta: "", approver: .oci)["decision"]?
            .contains("ya fue aprobada") == true)
    }

    @Test("A finding CERRADO in an imported spreadsheet without a review is flagged, not silently accepted")
    func importedClosedIsFlagged() {
        var p = plan()
        p.seguimientos[1].hallazgos = [FindingGradeSnapshot(hallazgo: 0, estado: .cerrado, justificacion: "Cerrado en el Excel de 2026")]
        let checks = PlanChecks.run(p)
        #expect(checks.contains { $0.codigo == "hallazgo_cerrado_sin_revision" && $0.mensaje.hasPrefix("Hallazgo 1: ") })
        #expect(!PlanChecks.run(plan(review: review("20/01/2027"))).contains { $0.codigo == "hallazgo_cerrado_sin_revision" })
    }
}

@Suite("The comité's «estado de los planes»")
struct CommitteeReportTests {
    @Test("Per finding and per plan: open and closed, effective or not, reformulated and overdue today, with a chart over the table")
    func figures() throws {
        // Finding 1 closed by a review; finding 2 with 1.2 reformulated into 2.3 (ungraded, due 30/06/2027) and 2.1 at 100 %.
        var p = plan(review: review("20/01/2027"))
        var second = plan(reformulated: true).hallazgos[0]
        second.numero = 2
        p.hallazgos.append(second)
        p.seguimientos[1].calificaciones += [GradeSnapshot(accion: .init(hallazgo: 1, accion: 0), porcentaje: 100),
                                            GradeSnapshot(accion: .init(hallazgo: 1, accion: 1), porcentaje: 30)]
        // A third finding: one action past its fecha final at 50 %, reviewed as not effective.
        var third = FindingSnapshot(numero: 3, descripcion: String(repeating: "Archivo sin organizar ", count: 30), acciones: [
            ActionSnapshot(id: UUID(), descripcion: "Organizar", fechaInicial: d("01/03/2026"), fechaFinal: d("30/11/2026"), meta: "1", indicador: "Número"),
        ])
        third.revisiones = [review("10/01/2027", .noEficaz, .sinEvaluar, .reformular, observaciones: "No se organizó")]
        p.hallazgos.append(third)
        p.seguimientos[1].calificaciones.append(GradeSnapshot(accion: .init(hallazgo: 2, accion: 0), porcentaje: 50))
        let today = d("20/01/2027")
        let f = FindingStatusFigures.of(p, today: today)
        #expect(f.map(\.estado) == [.cerrado, .abierto, .abierto])
        #expect(f.map(\.acciones) == [2, 2, 1] && f.map(\.reformuladas) == [0, 1, 0])
        #expect(f.map(\.cumplidas) == [2, 1, 0] && f.map(\.vencidasHoy) == [0, 0, 1] && f.map(\.enCurso) == [0, 1, 0])
        #expect(f.map(\.efectivo) == [true, false, false] && f.map(\.inefectivo) == [false, false, true])

        let doc = CommitteeReport.plan(p, today: today)
        let rows = doc.secciones[0].tabla.filas
        #expect(rows.count == 4 && rows[3].total)
        #expect(rows[2].celdas[1].texto.count <= 281 && rows[2].celdas[1].texto.hasSuffix("…"))
        #expect(rows[0].celdas[9].texto == "20/01/2027: EFICAZ, EFECTIVA. Cerrar el hallazgo.")
        #expect(rows[3].celdas[1].texto == "TOTAL: 1 de 3 hallazgos cerrados")
        #expect(rows[3].celdas[3].valor == 5 && rows[3].celdas[3].formula == .sumAbove(column: 3, rows: 3))
        #expect(doc.chartBars.map(\.valores) == [[2, 0, 0, 0], [1, 1, 0, 1], [0, 0, 1, 0]])

        var other = plan()
        other.unidadAuditable = "Tesorería"
        other.numeroAuditoria = "AI-2026-07"
        let entity = CommitteeReport.entity([p, other], formato: FormatHeader(entidad: "Alcaldía"), today: today)
        let e = entity.secciones[0].tabla.filas
        #expect(e[0].celdas.map(\.texto)[3...10] == ["3", "2", "1", "1", "1", "5", "1", "1"])
        #expect(e[1].celdas[0].texto == "Tesorería · auditoría AI-2026-07" && e[1].celdas.map(\.texto)[3...5] == ["1", "1", "0"])
        #expect(e[2].celdas[0].texto == "TOTAL (2 planes)" && e[2].celdas[3].valor == 4 && e[2].celdas[4].valor == 3)
        #expect(entity.chartBars.map(\.valores) == [[1, 2], [0, 1]])
    }
}
