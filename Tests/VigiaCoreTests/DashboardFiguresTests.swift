import Foundation
import Testing
@testable import VigiaCore

private func d(_ text: String) -> LocalDate { LocalDate(dayFirst: text)! }

/// Two findings, three actions, one round at 30/06/2026:
/// 1.1 (01/07–30/11/2026) ungraded → SIN INICIAR; 1.2 (16/02–30/06/2026) 100 % → CUMPLIDA;
/// 2.1 (02/03–31/07/2026) 50 % → EN EJECUCIÓN, expected 79,6 % → atrasada.
private func plan(_ unidad: String, id: UUID = UUID(), graded: Bool = true, status: PlanStatus = .enSeguimiento) -> PlanSnapshot {
    PlanSnapshot(
        id: id, unidadAuditable: unidad, estado: status,
        hallazgos: [
            FindingSnapshot(numero: 1, descripcion: "H1", acciones: [
                ActionSnapshot(descripcion: "A", fechaInicial: d("01/07/2026"), fechaFinal: d("30/11/2026")),
                ActionSnapshot(descripcion: "B", fechaInicial: d("16/02/2026"), fechaFinal: d("30/06/2026")),
            ]),
            FindingSnapshot(numero: 2, descripcion: "H2", acciones: [
                ActionSnapshot(descripcion: "C", fechaInicial: d("02/03/2026"), fechaFinal: d("31/07/2026")),
            ]),
        ],
        seguimientos: graded ? [RoundSnapshot(numero: 1, fechaCorte: d("30/06/2026"), calificaciones: [
            GradeSnapshot(accion: ActionRef(hallazgo: 0, accion: 1), porcentaje: 100),
            GradeSnapshot(accion: ActionRef(hallazgo: 1, accion: 0), porcentaje: 50),
        ])] : [])
}

private func digest(_ s: PlanSnapshot) -> PlanDigest { PlanDigest(s, evaluation: PlanEvaluator.evaluate(s)) }

private func dashboard(_ s: PlanSnapshot, dependency: String?) -> DigestedPlan {
    DigestedPlan(planID: s.id ?? UUID(), digest: digest(s), dependency: dependency)
}

private func open(_ s: PlanSnapshot) -> (estado: PlanStatus, open: [PendingAction]) {
    (s.estado, PlanDigest.openActions(s, PlanEvaluator.evaluate(s)))
}

@Suite("Dashboard figures: states, dependencias, vencidas, atrasadas")
struct DashboardFiguresTests {
    @Test func actionsPerStateListsEveryStateInOrder() {
        let plans = [dashboard(plan("Hacienda"), dependency: nil), dashboard(plan("Rentas", graded: false), dependency: nil)]
        let counts = DashboardFigures.actionsPerState(plans.map(\.digest))
        #expect(counts.map(\.state) == ActionState.allCases)
        #expect(counts.map(\.count) == [1, 1, 1, 0, 0, 0, 0])
    }

    @Test func plansAreGroupedByTheirDependencyNotTheFreeTextUnidad() {
        let plans = [dashboard(plan("Secretaría de Hacienda"), dependency: "Secretaría de Hacienda"),
                     dashboard(plan("Oficina de Rentas", graded: false), dependency: "Secretaría de Hacienda"),
                     dashboard(plan("Control Disciplinario", graded: false), dependency: nil)]
        let groups = DashboardFigures.progressByDependency(plans, today: d("30/11/2026"))
        #expect(groups.map(\.dependency) == ["Control Disciplinario", "Secretaría de Hacienda"])
        // Hacienda: % of the one graded plan (mean of H1 100 % and H2 50 %); vencidas: 2.1 of the
        // graded plan, 1.2 and 2.1 of the ungraded one; atrasada: 2.1 of the graded plan.
        #expect(groups[1] == DependencyProgress(dependency: "Secretaría de Hacienda", percent: 75, overdue: 3, behind: 1))
        #expect(groups[0] == DependencyProgress(dependency: "Control Disciplinario", percent: nil, overdue: 2, behind: 0))
    }

    @Test("Vencidas on both sides of a fecha final (30/11/2026)")
    func overdueAroundAFechaFinal() {
        let plans = [dashboard(plan("Hacienda"), dependency: "Hacienda")]
        #expect(DashboardFigures.progressByDependency(plans, today: d("30/11/2026"))[0].overdue == 1)
        #expect(DashboardFigures.progressByDependency(plans, today: d("01/12/2026"))[0].overdue == 2)
    }

    @Test func pendingActionsAreTheUnfinishedOnesOfOpenPlansSoonestFirst() {
        let id = UUID()
        let pending = DashboardFigures.pendingActions([open(plan("Hacienda", id: id)), open(plan("Cerrado", status: .cerrado))])
        #expect(pending == [
            PendingAction(label: "Hallazgo 2, acción 1 · Hacienda", planID: id, fechaFinal: d("31/07/2026"), percent: 50),
            PendingAction(label: "Hallazgo 1, acción 1 · Hacienda", planID: id, fechaFinal: d("30/11/2026"), percent: nil),
        ])
    }

    @Test func seriesLeaveOutPlansWithoutAGradedRound() {
        let series = DashboardFigures.progressSeries([digest(plan("Hacienda")), digest(plan("Rentas", graded: false))])
        #expect(series == [ProgressSeries(label: "Hacienda", points: [.init(round: 1, percent: 75)])])
    }

    @Test func seriesOfOneUnidadAreToldApartInTheLegend() {
        var audited = plan("Hacienda")
        audited.numeroAuditoria = "07-2026"
        let labels = DashboardFigures.progressSeries([digest(plan("Hacienda")), digest(audited), digest(plan("Hacienda")),
                                                      digest(audited), digest(plan("  "))]).map(\.label)
        #expect(labels == ["Hacienda", "Hacienda (auditoría 07-2026)", "Hacienda · 2", "Hacienda (auditoría 07-2026) · 2", "Plan sin unidad"])
    }

    @Test func textsAndThresholds() {
        let e = digest(plan("Hacienda"))
        #expect(DashboardFigures.behindSummary([e]) == "1 plan; 1 acción atrasada en el último seguimiento.")
        #expect(DashboardFigures.behindSummary([e, e]) == "2 planes; 2 acciones atrasadas en el último seguimiento.")
        #expect(DashboardFigures.isUrgent(businessDaysLeft: 5))
        #expect(!DashboardFigures.isUrgent(businessDaysLeft: 6))
        #expect(DashboardFigures.deadlineText(businessDaysLeft: 0) == "Vence hoy")
        #expect(DashboardFigures.deadlineText(businessDaysLeft: 3) == "Faltan 3 días hábiles")
        #expect(DashboardFigures.timeLeftText(today: d("30/11/2026"), fechaFinal: d("30/11/2026")) == "Vence hoy")
        #expect(DashboardFigures.timeLeftText(today: d("01/12/2026"), fechaFinal: d("30/11/2026")) == "Vencida hace 1 días")
        #expect(DashboardFigures.timeLeftText(today: d("20/11/2026"), fechaFinal: d("30/11/2026")) == "Faltan 10 días")
    }

    @Test("A digest holds the plan list's figures and survives its JSON column")
    func digestFiguresAndStorage() throws {
        let s = plan("Hacienda")
        let d0 = digest(s)
        #expect(d0.findings == 2 && d0.actions == 3 && d0.round == 1 && d0.cutOff == d("30/06/2026"))
        #expect(d0.percent == 75 && d0.behind == 1)
        #expect(d0.states == PlanEvaluator.evaluate(s).conteoPorEstado)
        #expect(d0.openDue == [d("31/07/2026"), d("30/11/2026")])
        let back = try JSONDecoder().decode(PlanDigest.self, from: JSONEncoder().encode(d0))
        #expect(back == d0)
    }

    @Test("Vencidas from the digest match the rule action by action, at every day around each fecha final")
    func digestOverdueMatchesTheRule() {
        let s = plan("Hacienda", graded: false)
        let e = PlanEvaluator.evaluate(s)
        let d0 = digest(s)
        var day = d("01/06/2026")
        while day <= d("31/12/2026") {
            let byRule = s.hallazgos.enumerated().flatMap { fi, f in
                f.acciones.enumerated().filter { ai, a in
                    Schedule.isOverdue(percent: e.hallazgos[fi].acciones[ai].porcentaje, fechaFinal: a.fechaFinal, at: day)
                }
            }.count
            #expect(d0.overdue(at: day) == byRule, "\(day.dayFirst)")
            day = day.adding(days: 1)
        }
    }

    @Test("«VENCIDA» in the states table and «vencidas hoy» per dependencia: two counts, each named for what it counts, equal on the cut-off's own day")
    func oneMeaningPerWord() {
        // A round cut off on 31/08/2026: 2.1 (fecha final 31/07, 50 %) is VENCIDA there; 1.1 ends 30/11.
        var p = plan("Hacienda")
        p.seguimientos[0].fechaCorte = d("31/08/2026")
        let dg = digest(p)
        let vencidaAlCorte = DashboardFigures.actionsPerState([dg]).first { $0.state == .vencida }?.count
        func vencidasHoy(_ day: String) -> Int {
            DashboardFigures.progressByDependency([DigestedPlan(planID: UUID(), digest: dg, dependency: "Hacienda")], today: d(day))[0].overdue
        }
        // On the cut-off's own day both say the same; after 1.1's fecha final, only «vencidas hoy» grows.
        #expect(vencidaAlCorte == 1 && vencidasHoy("31/08/2026") == 1)
        #expect(vencidasHoy("01/12/2026") == 2 && DashboardFigures.actionsPerState([dg]).first { $0.state == .vencida }?.count == 1)
        // Their names say so.
        #expect(FigureMeaning.statesTitle.contains("al corte") && FigureMeaning.vencidaAlCorte.hasPrefix("VENCIDA: en la fecha de corte"))
        #expect(FigureMeaning.vencidasHoyTitle == "Vencidas hoy" && FigureMeaning.vencidasHoy.contains("anterior a hoy"))
    }

    @Test("A round just opened does not blank what the last graded one found")
    func currentRoundIsTheLatestGraded() {
        var s = plan("Hacienda")
        // Round 2 opened, cut later; only an observation written so far: not a grade.
        s.seguimientos.append(RoundSnapshot(numero: 2, fechaCorte: d("31/10/2026"), calificaciones: [
            GradeSnapshot(accion: ActionRef(hallazgo: 0, accion: 0), observaciones: "Pendiente de soportes"),
        ]))
        #expect(PlanEvaluator.currentRound(s)?.numero == 1)
        let now = PlanEvaluator.current(s)
        #expect(now.numero == 1 && now.conteoPorEstado["CUMPLIDA"] == 1)
        // 1.2, CUMPLIDA in round 1, is not "vencida hoy" because round 2 has no grade for it.
        let today = PlanDigest(s, evaluation: now)
        #expect(today.overdue(at: d("01/12/2026")) == 2, "1.1 and 2.1, not 1.2")
        // The round under way, evaluated on its own, still counts it ungraded (its document says so).
        #expect(PlanEvaluator.evaluate(s).numero == 2)
        // A % (or a state) given in round 2 makes it the current one; so does publishing it.
        s.seguimientos[1].calificaciones.append(GradeSnapshot(accion: ActionRef(hallazgo: 1, accion: 0), porcentaje: 80))
        #expect(PlanEvaluator.currentRound(s)?.numero == 2)
        s.seguimientos[1].calificaciones.removeLast()
        s.seguimientos[1].estado = .publicado
        #expect(PlanEvaluator.currentRound(s)?.numero == 2)
        // With no round graded at all, the latest.
        s.seguimientos = [RoundSnapshot(numero: 1, fechaCorte: d("30/06/2026")), RoundSnapshot(numero: 2, fechaCorte: d("31/10/2026"))]
        #expect(PlanEvaluator.currentRound(s)?.numero == 2)
    }
}
