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

    @Sendable static func home(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let today = LocalDate.today()
        var programs: [ProgramSnapshot] = []
        for p in try await AnticorruptionProgram.query(on: req.db).filter(\.$entity.$id == user.entityID).all() {
            programs.append(try await ProgramStore.snapshot(of: p, on: req.db))
        }
        let plans = try await Access.plans(for: user, on: req.db)
        var planRows: [PlanListView.Row] = []
        for plan in plans {
            let s = try await PlanStore.snapshot(of: plan, on: req.db)
            planRows.append(.init(plan: s, evaluation: PlanEvaluator.evaluate(s)))
        }
        let publications = try await Publication.query(on: req.db).filter(\.$entity.$id == user.entityID)
            .filter(\.$kind == "programa").summaryFields().all()
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
        }
    }
}
