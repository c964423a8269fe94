import Foundation
import Plot
import VigiaCore

extension HomePage {
    enum View {
        static let title = "Inicio"

        static func content(_ model: Model) -> [Node<HTML.BodyContext>] {
            [
                .h1(.text("Hola, \(model.userName)")),
                .p(.class("small"), .text("Hoy es \(model.today.dayFirst).")),
                .section(.class("cards"),
                    .forEach(model.deadlines, deadlineCard),
                    .forEach(model.publications) { card in
                        .article(.class("card"),
                            .h2(.text("Publicación de seguimientos · \(card.vigencia)")),
                            .ul(.forEach(card.lines) { .li(.text($0)) }))
                    },
                    .article(.class("card"),
                        .h2("Planes de mejoramiento"),
                        .p(.text(model.plansSummary)),
                        .a(.href(SiteURL.plans.path), .text("Ver los planes"))),
                    .unwrap(model.riskCard) { r in
                        .article(.class("card"),
                            .h2(.text("Riesgos de corrupción · \(r.vigencia)")),
                            .p(.text("Riesgos por zona, inherente → residual:")),
                            .ul(.forEach(r.zones) { .li(.text($0)) }),
                            .p(.text(r.overdue == 1 ? "1 acción del mapa vencida a hoy." : "\(r.overdue) acciones del mapa vencidas a hoy.")),
                            .a(.href(SiteURL.riskMap(.value(r.mapID)).path), .text("Ver el mapa")))
                    }),
                section(model),
            ]
        }

        static func deadlineCard(_ d: Model.Deadline) -> Node<HTML.BodyContext> {
            .article(.class("card"),
                .h2(.text("Próximo corte · \(d.program)")),
                .p(.text("\(d.period.nombre.capitalized): corte el \(d.period.fechaCorte.dayFirst).")),
                .p(.strong(.text("Fecha límite de publicación: \(d.period.fechaLimitePublicacion.dayFirst)"))),
                .p(.span(.class(DashboardFigures.isUrgent(businessDaysLeft: d.businessDaysLeft) ? "light rojo" : "light verde"),
                         .text(DashboardFigures.deadlineText(businessDaysLeft: d.businessDaysLeft)))),
                .p(.a(.href(SiteURL.program(.value(d.programID)).path(with: .period(d.period.numero))), .text("Ver el programa"))))
        }

        static func section(_ model: Model) -> Node<HTML.BodyContext> {
            switch model.section {
            case .responsable(let pending): responsableSection(pending, today: model.today)
            case .oci(let figures): ociSection(figures)
            }
        }

        static func responsableSection(_ pending: [PendingAction], today: LocalDate) -> Node<HTML.BodyContext> {
            .section(.h2("Sus acciones pendientes"),
                pending.isEmpty ? .p("No tiene acciones pendientes.") :
                .scrollBox("Sus acciones pendientes", .table(.class("list"),
                    .thead(.tr(.th("Acción"), .th("Fecha final"), .th("Plazo"), .th("Avance calificado"))),
                    .tbody(.forEach(pending.prefix(50)) { p in
                        .tr(.td(p.planID.map { .a(.href(SiteURL.plan(.value($0)).path), .text(p.label)) } ?? .text(p.label)),
                            .td(.text(p.fechaFinal.dayFirst)),
                            .td(.text(DashboardFigures.timeLeftText(today: today, fechaFinal: p.fechaFinal))),
                            .td(.ratingZone(p.percent)))
                    }))),
                .if(!pending.isEmpty, ListDownload.links(SiteURL.home.path, what: "sus acciones pendientes")))
        }

        static func ociSection(_ f: Model.Figures) -> Node<HTML.BodyContext> {
            .group(
                .section(.h2(.text(FigureMeaning.statesTitle)),
                    .p(.class("small"), .text(FigureMeaning.vencidaAlCorte)),
                    .scrollBox(FigureMeaning.statesTitle, .table(.class("list"),
                        .thead(.tr(.forEach(f.states) { .th(.attribute(named: "scope", value: "col"), .text($0.state.label)) })),
                        .tbody(.tr(.forEach(f.states) { .td(.class("num"), .text("\($0.count)")) })))),
                    ListDownload.links(SiteURL.home.path + "?tabla=estados", what: "esta tabla"),
                    .p(.a(.href(SiteURL.actions.path), .text("Ver y filtrar todas las acciones")), .text(" · "),
                       .a(.href(SiteURL.entityAudit.path), .text("Auditoría de cambios de la entidad")))),
                .section(.h2("Avance, vencidas hoy y atrasadas por dependencia"),
                    .div(.class("chart"), SVGChart.barsNode(title: "Avance del plan por dependencia",
                                                            items: f.byDependency.map { (name($0), $0.percent) })),
                    .scrollBox("Avance por dependencia", .table(.class("list"),
                        .caption(.text("Las mismas cifras del gráfico")),
                        .thead(.tr(.th("Dependencia"), .th("% del plan"), .th(.text(FigureMeaning.vencidasHoyTitle)), .th(.text(FigureMeaning.atrasadasTitle)))),
                        .tbody(.forEach(f.byDependency) { u in
                            .tr(.td(.text(name(u))), .td(.ratingZone(u.percent)),
                                .td(.class("num"), .text("\(u.overdue)")), .td(.class("num"), .text("\(u.behind)")))
                        }))),
                    .p(.class("small"), .text(FigureMeaning.vencidasHoy + " " + FigureMeaning.atrasadas)),
                    ListDownload.links(SiteURL.home.path + "?tabla=dependencias", what: "esta tabla")),
                .if(!f.series.isEmpty, .section(.h2("% del plan en cada seguimiento"),
                    .div(.class("chart"), SVGChart.linesNode(title: "% del plan por seguimiento", series: f.series)),
                    .if(f.seriesLeftOut > 0, .p(.class("small"), .text("Se muestran los \(f.series.count) planes más recientes; "
                        + "\(f.seriesLeftOut) más están en "), .a(.href(SiteURL.plans.path), .text("Planes de mejoramiento")), .text("."))))),
                .section(.h2("Autoreportes por calificar"),
                    f.waiting.isEmpty ? .p("No hay autoreportes pendientes.") :
                    .ul(.forEach(f.waiting) { w in
                        .li(.a(.href(SiteURL.plan(.value(w.planID)).path), .text("\(w.label): \(w.count) autoreporte(s) sin calificar")))
                    }),
                    .if(!f.waiting.isEmpty, ListDownload.links(SiteURL.home.path + "?tabla=autoreportes", what: "esta lista"))))
        }

        static func name(_ d: DependencyProgress) -> String { d.dependency.isEmpty ? "(sin unidad)" : d.dependency }

        static func html(_ model: Model, context: PageContext) -> String {
            Layout.html(context) { content(model) }
        }
    }
}
