import Plot
import Vapor
import VigiaCore

/// The program by component and subcomponente, with each period's % and zone.
enum ProgramPageView {
    static func render(_ req: Request, document d: ProgramDocument, period: Int, user: CurrentUser, mine: Set<UUID>,
                       status: ProgramStatus, published: Set<Int>, publications: [Publication]) -> Response {
        let p = d.programa
        let id = p.id!
        let ctx = PageContext(req, title: "Programa \(p.vigencia)", entityName: p.entidad)
        let today = req.today
        let evaluations = p.periodos.map { ProgramEvaluator.evaluate(p, period: $0.numero, method: d.evaluacion.metodo) }
        return Layout.render(ctx) {
            Node<HTML.BodyContext>.h1(.text("\(p.titulo) · vigencia \(p.vigencia)"))
            Node<HTML.BodyContext>.p(.class("small"), .text("Estado: \(status.label). Plantilla: \(p.plantilla). \(d.evaluacion.metodo.label); % de componente = promedio de sus actividades que aplican (N/A excluidas); una actividad con sub-ítems vale el promedio de los que aplican."))
            periodsTable(p, evaluations, current: period, today: today, user: user, publications: publications)
            if user.role.gradesFollowUps {
                Node<HTML.BodyContext>.div(.class("actions-bar"),
                    PublicationViews.controls(published: published.contains(period),
                                              publish: SiteURL.publishPeriod(.value(id), .value(period)).path,
                                              correct: SiteURL.correctPeriod(.value(id), .value(period)).path,
                                              what: "Seguimiento del periodo \(period)", csrf: ctx.csrf))
            }
            Node<HTML.BodyContext>.div(.class("actions-bar"),
                .if(user.role.gradesFollowUps, .a(.class("button"), .href(SiteURL.programFollowUp(.value(id), .value(period)).path),
                                                  .text("Registrar seguimiento del periodo \(period)"))),
                .if(user.role == .responsable && !mine.isEmpty, .a(.class("button"), .href(SiteURL.programMonitoring(.value(id), .value(period)).path),
                                                                  .text("Reportar monitoreo del periodo \(period)"))),
                .a(.class("button secondary"), .href(SiteURL.programDocument(.value(id), .value(period), .value("xlsx")).path), .text("Descargar Excel")),
                .a(.class("button secondary"), .href(SiteURL.programDocument(.value(id), .value(period), .value("pdf")).path), .text("Descargar PDF")),
                .a(.href(SiteURL.programDocument(.value(id), .value(period), .value("html")).path), .text("Ver para imprimir")),
                .a(.href(ApiURL.program(.value(id)).path + "?periodo=\(period)"), .text("JSON")))
            summary(d)
            Node<HTML.BodyContext>.group(p.componentes.map { componentTable($0, program: p, period: period, evaluations: evaluations, mine: mine,
                                                                     canFormulate: user.role == .oci || user.role == .administrador) })
            checks(d.validaciones)
            PublicationViews.list(publications)
        }
    }

    static func periodsTable(_ p: ProgramSnapshot, _ evaluations: [ProgramEvaluation], current: Int, today: LocalDate,
                             user: CurrentUser, publications: [Publication]) -> Node<HTML.BodyContext> {
        .table(.class("list"),
            .caption(.text("Periodos de seguimiento y plazos de publicación (10.º día hábil del mes siguiente)")),
            .thead(.tr(.th("Periodo"), .th("Fecha de corte"), .th("Fecha límite de publicación"), .th("Publicación"), .th("% del programa"))),
            .tbody(.forEach(Array(zip(p.periodos, evaluations))) { period, e in
                let left = ColombianCalendar.businessDays(from: today, to: period.fechaLimitePublicacion)
                let first = publications.filter { $0.numero == period.numero }.min { $0.version < $1.version }
                let plazo = first.map { "Publicado el \($0.publishedOn.dayFirst) · " + ($0.onTime == true ? "a tiempo" : "fuera de plazo") }
                    ?? (left > 0 ? "Sin publicar · faltan \(left) días hábiles" : (left == 0 ? "Sin publicar · vence hoy" : "Sin publicar · plazo vencido hace \(-left) días hábiles"))
                return .tr(
                    .td(period.numero == current
                        ? .strong(.attribute(named: "aria-current", value: "page"), .text(period.nombre.capitalized))
                        : .a(.href(SiteURL.program(.value(p.id!)).path + "?periodo=\(period.numero)"), .text(period.nombre.capitalized))),
                    .td(.text(period.fechaCorte.dayFirst)),
                    .td(.text(period.fechaLimitePublicacion.dayFirst)),
                    .td(.text(plazo)),
                    .td(.light(e.porcentaje)))
            }))
    }

    static func summary(_ d: ProgramDocument) -> Node<HTML.BodyContext> {
        let e = d.evaluacion
        return .section(.h2(.text("Resumen · \(d.periodo?.nombre.capitalized ?? "periodo \(e.periodo)")")),
            .table(.class("list"),
                .thead(.tr(.th("Componente"), .th("Actividades"), .th("Aplican"), .th("N/A o sin calificar"), .th("Cumplidas (100 %)"), .th("% y zona"))),
                .tbody(
                    .forEach(e.componentes) { c in
                        .tr(.td(.text("\(c.numero). \(c.nombre)")), .td(.class("num"), .text("\(c.actividades)")),
                            .td(.class("num"), .text("\(c.aplican)")), .td(.class("num"), .text("\(c.noAplica)")),
                            .td(.class("num"), .text("\(c.cumplidas)")), .td(.light(c.porcentaje)))
                    },
                    .tr(.class("total"), .td(.text("Programa (\(e.metodo.label.lowercased()))")), .td(.class("num"), .text("\(e.actividades)")),
                        .td(""), .td(""), .td(.class("num"), .text("\(e.cumplidas)")), .td(.light(e.porcentaje))))))
    }

    static func componentTable(_ c: ComponentSnapshot, program p: ProgramSnapshot, period: Int, evaluations: [ProgramEvaluation],
                               mine: Set<UUID>, canFormulate: Bool) -> Node<HTML.BodyContext> {
        .section(.h2(.text("Componente \(c.numero): \(c.nombre)")),
            .if(canFormulate, .p(.class("noprint"), .a(.href(SiteURL.newActivity(.value(p.id!), .value(c.numero)).path), .text("+ Agregar actividad")))),
            .div(.class("scroll"), .table(.class("b007"),
                .thead(.tr(.th("Subcomponente"), .th("Actividad"), .th("Meta o producto"), .th("Responsables"), .th("Fecha programada"),
                           .forEach(p.periodos) { .th(.text("% \($0.nombre.capitalized)")) },
                           .th(.text("Seguimiento OCI (periodo \(period))")), .th(.text("Monitoreo del responsable (periodo \(period))")))),
                .tbody(.forEach(c.actividades) { a in activityRows(a, program: p, period: period, mine: mine, sub: false) }))))
    }

    static func activityRows(_ a: ActivitySnapshot, program p: ProgramSnapshot, period: Int, mine: Set<UUID>, sub: Bool) -> Node<HTML.TableContext> {
        let f = a.followUp(period), m = a.monitoring(period)
        let links: Node<HTML.BodyContext> = .forEach(f?.evidencias ?? []) { .div(.class("small"), .link($0, $0)) }
        return .group(
            .tr(.td(.text(sub ? "" : a.subcomponente)),
                .td(.text((sub ? "• " : "") + a.actividad), .if(mine.contains(a.id ?? UUID()), .span(.class("tag"), .text(" su dependencia")))),
                .td(.text(a.meta)), .td(.text(a.responsables)), .td(.class("nowrap"), .text(a.fechaProgramada?.description ?? "")),
                .forEach(p.periodos) { per in
                    let v = ProgramEvaluator.percent(of: a, period: per.numero)
                    let na = a.subitems.isEmpty && a.followUp(per.numero)?.noAplica == true
                    return .td(.class("num"), .text(na ? "N/A" : SpanishFormat.percent(v)))
                },
                .td(.class("oci"), .text(f?.seguimiento ?? ""), links),
                .td(.text(m.map { ($0.noAplica ? "N/A · " : $0.porcentaje.map { SpanishFormat.percent($0) + " · " } ?? "") + $0.seguimiento } ?? ""))),
            .forEach(a.subitems) { activityRows($0, program: p, period: period, mine: mine, sub: true) })
    }

    static func checks(_ checks: [CheckResult]) -> Node<HTML.BodyContext> {
        .section(.h2(.text("Validaciones (\(checks.count))")),
            checks.isEmpty ? .p("Sin observaciones.") :
            .ul(.class("checks"), .forEach(checks) { c in
                .li(.span(.class(c.severidad == .error ? "tag bad" : "tag warn"), .text(c.severidad == .error ? "Error" : "Advertencia")),
                    .text(" " + c.mensaje))
            }))
    }
}
