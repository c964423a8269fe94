import Fluent
import Plot
import Vapor
import VigiaCore

/// The home page: next cut-off and publication deadline with business days left, and the
/// plans and programs at a glance.
enum DashboardController {
    struct Deadline {
        let program: ProgramSnapshot
        let period: PeriodSnapshot
        let businessDaysLeft: Int
    }

    static func nextDeadlines(_ programs: [ProgramSnapshot], today: LocalDate) -> [Deadline] {
        programs.compactMap { p in
            p.nextDeadline(today: today).map { Deadline(program: p, period: $0.period, businessDaysLeft: $0.businessDaysLeft) }
        }
    }

    static func summary(plans: Int, behind: Int) -> String {
        (plans == 1 ? "1 plan" : "\(plans) planes") + "; "
            + (behind == 1 ? "1 acción atrasada" : "\(behind) acciones atrasadas") + " en el último seguimiento."
    }

    /// Figures of the OCI dashboard, computed from the plans' evaluations.
    struct Figures {
        var states: [(String, Int)] = []
        var byUnit: [(unit: String, percent: Double?, overdue: Int, behind: Int)] = []
        var waiting: [(String, UUID, Int)] = []
        var series: [(label: String, points: [(round: Int, value: Double)])] = []
        var pending: [(label: String, plan: UUID, final: LocalDate, percent: Double?)] = []
    }

    static func figures(_ rows: [PlanListView.Row], today: LocalDate, on db: Database) async throws -> Figures {
        var f = Figures()
        var counts: [String: Int] = [:]
        var units: [String: (sum: Double, n: Int, overdue: Int, behind: Int)] = [:]
        for row in rows {
            let s = row.plan, e = row.evaluation
            for (k, v) in e.conteoPorEstado { counts[k, default: 0] += v }
            var u = units[s.unidadAuditable] ?? (0, 0, 0, 0)
            if let p = e.plan.porcentaje { u.sum += p; u.n += 1 }
            for (fi, finding) in s.hallazgos.enumerated() {
                for (ai, a) in finding.acciones.enumerated() {
                    let ae = e.hallazgos[fi].acciones[ai]
                    if Schedule.isOverdue(percent: ae.porcentaje, fechaFinal: a.fechaFinal, at: today) { u.overdue += 1 }
                    if ae.atrasada { u.behind += 1 }
                    if let final = a.fechaFinal, (ae.porcentaje ?? 0) < 100, s.estado != .cerrado {
                        f.pending.append(("Hallazgo \(finding.numero), acción \(ai + 1) · \(s.unidadAuditable)", s.id!, final, ae.porcentaje))
                    }
                }
            }
            units[s.unidadAuditable] = u
            let points = s.seguimientos.compactMap { r in PlanEvaluator.evaluate(s, round: r.numero).plan.porcentaje.map { (r.numero, $0) } }
            if !points.isEmpty { f.series.append((s.unidadAuditable, points)) }
            for r in s.seguimientos where r.estado == .borrador {
                let reports = try await ProgressReport.query(on: db).filter(\.$round.$id == r.id!).all()
                let ungraded = reports.filter { rep in
                    guard let ref = NotificationService.ref(of: rep.$action.id, in: s) else { return false }
                    return r.assessment(for: ref)?.porcentaje == nil
                }
                if !ungraded.isEmpty { f.waiting.append(("Seguimiento \(r.numero) · \(s.unidadAuditable)", s.id!, ungraded.count)) }
            }
        }
        f.states = ActionState.allCases.map { ($0.label, counts[$0.label] ?? 0) }
        f.byUnit = units.map { ($0.key, $0.value.n == 0 ? nil : $0.value.sum / Double($0.value.n), $0.value.overdue, $0.value.behind) }
            .sorted { $0.unit < $1.unit }
        f.pending.sort { $0.final < $1.final }
        return f
    }

    @Sendable static func home(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let today = req.today
        var programs: [ProgramSnapshot] = []
        for p in try await AnticorruptionProgram.query(on: req.db).filter(\.$entity.$id == user.entityID).all() {
            programs.append(try await ProgramStore.snapshot(of: p, on: req.db))
        }
        var planRows: [PlanListView.Row] = []
        for plan in try await Access.plans(for: user, on: req.db) {
            let s = try await PlanStore.snapshot(of: plan, on: req.db)
            planRows.append(.init(plan: s, evaluation: PlanEvaluator.evaluate(s)))
        }
        let f = try await figures(planRows, today: today, on: req.db)
        let publications = try await Publication.query(on: req.db).filter(\.$entity.$id == user.entityID)
            .filter(\.$kind == .program).summaryFields().all()
        let ctx = PageContext(req, title: "Inicio", entityName: try await PlanController.entityName(req))
        let deadlines = nextDeadlines(programs, today: today)
        return Layout.render(ctx) {
            Node<HTML.BodyContext>.h1(.text("Hola, \(user.name)"))
            Node<HTML.BodyContext>.p(.class("small"), .text("Hoy es \(today.dayFirst)."))
            Node<HTML.BodyContext>.section(.class("cards"),
                .forEach(deadlines) { d in
                    .article(.class("card"),
                        .h2(.text("Próximo corte · PAAC \(d.program.vigencia)")),
                        .p(.text("\(d.period.nombre.capitalized): corte el \(d.period.fechaCorte.dayFirst).")),
                        .p(.strong(.text("Fecha límite de publicación: \(d.period.fechaLimitePublicacion.dayFirst)"))),
                        .p(.span(.class(d.businessDaysLeft <= 5 ? "light rojo" : "light verde"),
                                 .text(d.businessDaysLeft == 0 ? "Vence hoy" : "Faltan \(d.businessDaysLeft) días hábiles"))),
                        .p(.a(.href(SiteURL.program(.value(d.program.id!)).path + "?periodo=\(d.period.numero)"), .text("Ver el programa"))))
                },
                .forEach(programs) { p in
                    .article(.class("card"),
                        .h2(.text("Publicación de seguimientos · \(p.vigencia)")),
                        .ul(.forEach(p.periodos) { period in
                            let first = publications.filter { $0.programID == p.id && $0.numero == period.numero }.min { $0.version < $1.version }
                            let status = first.map { "publicado el \($0.publishedOn.dayFirst), " + ($0.onTime == true ? "a tiempo" : "fuera de plazo") }
                                ?? (period.fechaLimitePublicacion < today ? "sin publicar, plazo vencido" : "sin publicar")
                            return .li(.text("\(period.nombre.capitalized): límite \(period.fechaLimitePublicacion.dayFirst) · \(status)"))
                        }))
                },
                .article(.class("card"),
                    .h2("Planes de mejoramiento"),
                    .p(.text(summary(plans: planRows.count, behind: planRows.reduce(0) { $0 + $1.evaluation.atrasadas }))),
                    .a(.href(SiteURL.plans.path), .text("Ver los planes"))))
            if user.role == .responsable {
                responsableSection(f, today: today)
            } else {
                ociSection(f, planRows)
            }
        }
    }

    static func responsableSection(_ f: Figures, today: LocalDate) -> Node<HTML.BodyContext> {
        .section(.h2("Sus acciones pendientes"),
            f.pending.isEmpty ? .p("No tiene acciones pendientes.") :
            .table(.class("list"),
                .thead(.tr(.th("Acción"), .th("Fecha final"), .th("Plazo"), .th("Avance calificado"))),
                .tbody(.forEach(f.pending.prefix(50).map { $0 }) { p in
                    let days = LocalDate.days(from: today, to: p.final)
                    return .tr(.td(.a(.href(SiteURL.plan(.value(p.plan)).path), .text(p.label))), .td(.text(p.final.dayFirst)),
                               .td(.text(days < 0 ? "Vencida hace \(-days) días" : (days == 0 ? "Vence hoy" : "Faltan \(days) días"))),
                               .td(.light(p.percent)))
                })))
    }

    static func ociSection(_ f: Figures, _ rows: [PlanListView.Row]) -> Node<HTML.BodyContext> {
        .group(
            .section(.h2("Acciones por estado (último seguimiento de cada plan)"),
                .table(.class("list"),
                    .thead(.tr(.forEach(f.states) { .th(.attribute(named: "scope", value: "col"), .text($0.0)) })),
                    .tbody(.tr(.forEach(f.states) { .td(.class("num"), .text("\($0.1)")) })))),
            .section(.h2("Avance, vencidas y atrasadas por dependencia"),
                .div(.class("chart"), .raw(SVGChart.bars(title: "Avance del plan por dependencia",
                                                          items: f.byUnit.map { ($0.unit.isEmpty ? "(sin unidad)" : $0.unit, $0.percent) }))),
                .table(.class("list"),
                    .caption(.text("Las mismas cifras del gráfico")),
                    .thead(.tr(.th("Dependencia"), .th("% del plan"), .th("Acciones vencidas"), .th("Acciones atrasadas"))),
                    .tbody(.forEach(f.byUnit) { u in
                        .tr(.td(.text(u.unit.isEmpty ? "(sin unidad)" : u.unit)), .td(.light(u.percent)),
                            .td(.class("num"), .text("\(u.overdue)")), .td(.class("num"), .text("\(u.behind)")))
                    }))),
            .if(!f.series.isEmpty, .section(.h2("% del plan en cada seguimiento"),
                .div(.class("chart"), .raw(SVGChart.lines(title: "% del plan por seguimiento", series: f.series))))),
            .section(.h2("Autoreportes por calificar"),
                f.waiting.isEmpty ? .p("No hay autoreportes pendientes.") :
                .ul(.forEach(f.waiting) { w in
                    .li(.a(.href(SiteURL.plan(.value(w.1)).path), .text("\(w.0): \(w.2) autoreporte(s) sin calificar")))
                })))
    }
}
