import Plot
import VigiaCore

extension ProgramPage {
    enum View {
        static func title(_ m: Model) -> String { "Programa \(m.program.vigencia)" }

        static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
            let p = m.program, d = m.document
            return [
                .h1(.text("\(p.titulo) · vigencia \(p.vigencia)")),
                .p(.class("small"), .text("Estado: \(m.status.label). Plantilla: \(p.plantilla). \(d.evaluacion.metodo.label); % de componente = promedio de sus actividades que aplican (N/A excluidas); una actividad con sub-ítems vale el promedio de los que aplican.")),
                periodsTable(m),
                .if(m.canFollowUp, .div(.class("actions-bar"),
                    PublicationViews.controls(published: m.periodPublished,
                                              publish: SiteURL.publishPeriod(.value(m.id), .value(m.period)).path,
                                              correct: SiteURL.correctPeriod(.value(m.id), .value(m.period)).path,
                                              what: "Seguimiento del periodo \(m.period)", csrf: csrf))),
                actions(m),
                .if(m.canFollowUp, statusForm(m, csrf: csrf)),
                summary(d),
                .group(p.componentes.map { componentTable($0, m) }),
                checks(d.validaciones),
                PublicationViews.list(m.publications),
            ]
        }

        /// The OCI changes the program's estado.
        static func statusForm(_ m: Model, csrf: String) -> Node<HTML.BodyContext> {
            .form(.method(.post), .action(SiteURL.programStatus(.value(m.id)).path), .class("actions-bar"),
                .csrf(csrf),
                .choice("Estado del programa", name: "estado", options: ProgramStatus.allCases.map { ($0.rawValue, $0.label) },
                        selected: m.status.rawValue),
                .button(.type(.submit), .class("secondary"), .text("Cambiar el estado")))
        }

        static func actions(_ m: Model) -> Node<HTML.BodyContext> {
            let id = m.id, period = m.period
            return .div(.class("actions-bar"),
                .if(m.canFollowUp, .a(.class("button"), .href(SiteURL.programFollowUp(.value(id), .value(period)).path),
                                      .text("Registrar seguimiento del periodo \(period)"))),
                .if(m.canMonitor, .a(.class("button"), .href(SiteURL.programMonitoring(.value(id), .value(period)).path),
                                     .text("Reportar monitoreo del periodo \(period)"))),
                .if(m.canFollowUp && !m.periodPublished, .a(.class("button secondary"), .href(SiteURL.editPeriod(.value(id), .value(period)).path),
                                                            .text("Fechas del periodo \(period)"))),
                .a(.class("button secondary"), .href(SiteURL.programDocument(.value(id), .value(period), .value("xlsx")).path), .text("Descargar Excel")),
                .a(.class("button secondary"), .href(SiteURL.programDocument(.value(id), .value(period), .value("pdf")).path), .text("Descargar PDF")),
                .a(.href(SiteURL.programDocument(.value(id), .value(period), .value("html")).path), .text("Ver para imprimir")),
                .a(.href(ApiURL.program(.value(id)).path(with: .period(period))), .text("JSON")))
        }

        static func periodsTable(_ m: Model) -> Node<HTML.BodyContext> {
            .scrollBox("Periodos de seguimiento", .table(.class("list"),
                .caption(.text("Periodos de seguimiento y plazos de publicación (10.º día hábil del mes siguiente)")),
                .thead(.tr(.th("Periodo"), .th("Fecha de corte"), .th("Fecha límite de publicación"), .th("Publicación"), .th("% del programa"))),
                .tbody(.forEach(m.periods) { period in
                    .tr(
                        .td(period.numero == m.period
                            ? .strong(.attribute(named: "aria-current", value: "page"), .text(period.nombre.capitalized))
                            : .a(.href(SiteURL.program(.value(m.id)).path(with: .period(period.numero))), .text(period.nombre.capitalized))),
                        .td(.text(period.fechaCorte.dayFirst)),
                        .td(.text(period.fechaLimitePublicacion.dayFirst)),
                        .td(.text(period.publication),
                            .if(!period.monitoringWindow.isEmpty, .div(.class("small"), .text("Monitoreo: " + period.monitoringWindow.prefix(1).lowercased() + period.monitoringWindow.dropFirst())))),
                        .td(.ratingZone(period.percent)))
                })))
        }

        static func summary(_ d: ProgramDocument) -> Node<HTML.BodyContext> {
            let e = d.evaluacion
            return .section(.h2(.text("Resumen · \(d.periodo?.nombre.capitalized ?? "periodo \(e.periodo)")")),
                .scrollBox("Resumen", .table(.class("list"),
                    .thead(.tr(.th("Componente"), .th("Actividades"), .th("Aplican"), .th("N/A o sin calificar"), .th("Cumplidas (100 %)"), .th("% y zona"))),
                    .tbody(
                        .forEach(e.componentes) { c in
                            .tr(.td(.text("\(c.numero). \(c.nombre)")), .td(.class("num"), .text("\(c.actividades)")),
                                .td(.class("num"), .text("\(c.aplican)")), .td(.class("num"), .text("\(c.noAplica)")),
                                .td(.class("num"), .text("\(c.cumplidas)")), .td(.ratingZone(c.porcentaje)))
                        },
                        .tr(.class("total"), .td(.text("Programa (\(e.metodo.label.lowercased()))")), .td(.class("num"), .text("\(e.actividades)")),
                            .td(""), .td(""), .td(.class("num"), .text("\(e.cumplidas)")), .td(.ratingZone(e.porcentaje)))))))
        }

        static func checks(_ checks: [CheckResult]) -> Node<HTML.BodyContext> {
            .section(.h2(.text("Validaciones (\(checks.count))")),
                checks.isEmpty ? .p("Sin observaciones.") :
                .ul(.class("checks"), .forEach(checks) { c in
                    .li(.span(.class(c.severidad == .error ? "tag bad" : "tag warn"), .text(c.severidad == .error ? "Error" : "Advertencia")),
                        .text(" " + c.mensaje))
                }))
        }

        static func html(_ model: Model, context: PageContext) -> String {
            Layout.html(context) { content(model, csrf: context.csrf) }
        }
    }
}
