import Plot

extension TransparencyEntityPage {
    enum View {
        static func html(_ model: Model) -> String {
            PublicLayout.html(title: "Transparencia · \(model.entityName)") { content(model) }
        }

        static func content(_ model: Model) -> Node<HTML.BodyContext> {
            .group(
                .h1(.text("Seguimientos publicados · \(model.entityName)")),
                .p(.text("Cada documento se conserva tal como se publicó. Para comprobar que un archivo es el publicado, calcule su SHA-256 (por ejemplo, sha256sum archivo.pdf) y compárelo con el de la tabla, o use «Verificar un documento».")),
                model.publications.isEmpty ? .p("Todavía no hay seguimientos publicados.") : .empty,
                .forEach(model.years) { year in
                    .section(.h2(.text("\(year)")),
                        .scrollBox("Seguimientos publicados en \(year)", .table(.class("list"),
                            .caption(.text("Seguimientos publicados en \(year)")),
                            .thead(.tr(.forEach(["Documento", "Versión", "Publicado", "Plazo legal", "Descargas", "SHA-256 del PDF"]) {
                                .th(.attribute(named: "scope", value: "col"), .text($0))
                            })),
                            .tbody(.forEach(model.publications.filter { $0.year == year }, row)))))
                })
        }

        static func row(_ p: PublicationSummary) -> Node<HTML.TableContext> {
            .tr(.th(.attribute(named: "scope", value: "row"), .text(p.title),
                    .if(!p.note.isEmpty, .div(.class("small"), .text(p.note)))),
                .td(.class("num"), .text("\(p.version)")),
                .td(.class("nowrap"), .text(p.publishedOn.dayFirst)),
                .td(.text(p.deadlineText)),
                .td(.class("nowrap"),
                    download(p, "pdf", "PDF", " de "), .text(" · "),
                    download(p, "xlsx", "Excel", " de "), .text(" · "),
                    download(p, "html", "Ver", " ")),
                .td(.code(.class("hash"), .text(p.pdfSHA256))))
        }

        static func download(_ p: PublicationSummary, _ format: String, _ label: String, _ joiner: String) -> Node<HTML.BodyContext> {
            .a(.href(SiteURL.publicationFile(.value(p.id), .value(format)).path), .text(label),
               .span(.class("sr-only"), .text("\(joiner)\(p.title), versión \(p.version)")))
        }
    }
}
