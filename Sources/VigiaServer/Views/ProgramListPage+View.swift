import Plot

extension ProgramListPage {
    enum View {
        static let title = "Programas anticorrupción"

        static func content(_ model: Model) -> [Node<HTML.BodyContext>] {
            [
                .h1("Plan Anticorrupción y de Atención al Ciudadano (PAAC) / PTEP"),
                .if(model.canImport, .div(.class("actions-bar"),
                    .a(.class("button"), .href(SiteURL.newProgram.path), .text("Nuevo programa")),
                    .a(.class("button secondary"), .href(SiteURL.importProgram.path), .text("Importar un seguimiento publicado")),
                    .if(model.canEditTemplates, .a(.href(SiteURL.templates.path), .text("Plantillas"))))),
                model.rows.isEmpty ? .p("No hay programas registrados.") : table(model.rows),
            ]
        }

        static func table(_ rows: [Model.Row]) -> Node<HTML.BodyContext> {
            .scrollBox("Programas", .table(.class("list"),
                .caption(.text("Programas por vigencia, con el avance del último periodo con seguimiento")),
                .thead(.tr(.th("Vigencia"), .th("Plantilla"), .th("Componentes"), .th("Actividades"), .th("Último periodo"),
                           .th("% del programa y zona"), .th("Cumplidas (100 %)"))),
                .tbody(.forEach(rows) { r in
                    .tr(.td(.a(.href(SiteURL.program(.value(r.id)).path), .text("\(r.vigencia)"))),
                        .td(.text(r.template)),
                        .td(.class("num"), .text("\(r.components)")),
                        .td(.class("num"), .text("\(r.activities)")),
                        .td(.text(r.periodName ?? "Sin seguimiento")),
                        .td(.ratingZone(r.percent)),
                        .td(.class("num"), .text(r.done.map { "\($0) de \(r.graded ?? 0)" } ?? "—")))
                })))
        }

        static func html(_ model: Model, context: PageContext) -> String {
            Layout.html(context) { content(model) }
        }
    }
}
