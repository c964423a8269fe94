import Plot
import VigiaCore

/// Publishing controls and the list of published versions, on the plan and program pages.
enum PublicationViews {
    static func controls(published: Bool, publish: String, correct: String, what: String, csrf: String) -> Node<HTML.BodyContext> {
        published
            ? .form(.method(.post), .action(correct), .class("inline noprint"),
                .csrf(csrf),
                .span(.class("tag"), .text("\(what) publicado")), .text(" "),
                .input(.type(.text), .name("motivo"), .placeholder("Motivo de la corrección"), .required(true),
                       .attribute(named: "aria-label", value: "Motivo de la corrección")),
                .button(.type(.submit), .class("secondary"), .text("Abrir corrección")))
            : .form(.method(.post), .action(publish), .class("inline noprint"),
                .csrf(csrf),
                .button(.type(.submit), .text("Publicar \(what.lowercased())")))
    }

    static func list(_ publications: [PublicationSummary]) -> Node<HTML.BodyContext> {
        guard let first = publications.first else { return .empty }
        return .section(.h2("Publicaciones"),
            .scrollBox("Publicaciones", .table(.class("list"),
                .thead(.tr(.th("Documento"), .th("Versión"), .th("Publicado"), .th("Plazo legal"), .th("Archivos"), .th("SHA-256 del PDF"))),
                .tbody(.forEach(publications) { p in
                    .tr(.td(.text(p.title), .if(!p.note.isEmpty, .div(.class("small"), .text(p.note)))),
                        .td(.class("num"), .text("\(p.version)")),
                        .td(.text("\(p.publishedOn.dayFirst) · \(p.publishedBy)")),
                        .td(.text(p.deadlineText)),
                        .td(.a(.href(SiteURL.publicationFile(.value(p.id), .value("pdf")).path), .text("PDF")), .text(" · "),
                            .a(.href(SiteURL.publicationFile(.value(p.id), .value("xlsx")).path), .text("Excel"))),
                        .td(.code(.class("hash"), .text(p.pdfSHA256))))
                }))),
            .p(.class("small"), .a(.href(SiteURL.transparencyEntity(.value(first.entityID)).path), .text("Ver la página pública de transparencia"))))
    }
}
