import Plot
import Vapor
import VigiaCore

/// The public pages' frame: Spanish, a skip link, landmarks, no login menu (WCAG 2.1 AA).
enum PublicLayout {
    static func render(_ req: Request, title: String, @NodeBuilder content: () -> [Node<HTML.BodyContext>]) -> Response {
        let html = HTML(
            .lang(.spanish),
            .head(.meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                  .title("\(title) · Vigía"), .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path))),
            .body(
                .a(.class("skip"), .href("#contenido"), .text("Saltar al contenido")),
                .header(.class("top"), .a(.class("brand"), .href(SiteURL.transparency.path), .text("Transparencia")),
                        .nav(.ariaLabel("Transparencia"), .a(.href(SiteURL.verifyHash.path), .text("Verificar un documento")))),
                .main(.id("contenido"), .group(content())),
                .footer(.class("bottom"), .text("Información publicada en cumplimiento de la Ley 1712 de 2014. Publicado con Vigía."))))
        let res = Response(status: .ok, body: .init(string: html.render()))
        res.headers.contentType = .html
        return res
    }
}

enum TransparencyViews {
    static func entity(_ entity: Entity, _ publications: [Publication]) -> Node<HTML.BodyContext> {
        let years = Dictionary(grouping: publications, by: \.year).keys.sorted(by: >)
        return .group(
            .h1(.text("Seguimientos publicados · \(entity.name)")),
            .p(.text("Cada documento se conserva tal como se publicó. Para comprobar que un archivo es el publicado, calcule su SHA-256 (por ejemplo, sha256sum archivo.pdf) y compárelo con el de la tabla, o use «Verificar un documento».")),
            publications.isEmpty ? .p("Todavía no hay seguimientos publicados.") : .empty,
            .forEach(years) { year in
                .section(.h2(.text("\(year)")),
                    .div(.class("scroll"), .table(.class("list"),
                        .caption(.text("Seguimientos publicados en \(year)")),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), .text("Documento")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Versión")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Publicado")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Plazo legal")),
                                   .th(.attribute(named: "scope", value: "col"), .text("Descargas")),
                                   .th(.attribute(named: "scope", value: "col"), .text("SHA-256 del PDF")))),
                        .tbody(.forEach(publications.filter { $0.year == year }) { p in
                            .tr(.th(.attribute(named: "scope", value: "row"), .text(p.title),
                                    .if(!p.note.isEmpty, .div(.class("small"), .text(p.note)))),
                                .td(.class("num"), .text("\(p.version)")),
                                .td(.class("nowrap"), .text(p.publishedOn.dayFirst)),
                                .td(.text(p.deadline.map { d in "\(d.dayFirst) · " + (p.onTime == true ? "a tiempo" : "fuera de plazo") } ?? "—")),
                                .td(.class("nowrap"),
                                    .a(.href(SiteURL.publicationFile(.value(p.id!), .value("pdf")).path), .text("PDF"),
                                       .span(.class("sr-only"), .text(" de \(p.title), versión \(p.version)"))), .text(" · "),
                                    .a(.href(SiteURL.publicationFile(.value(p.id!), .value("xlsx")).path), .text("Excel"),
                                       .span(.class("sr-only"), .text(" de \(p.title), versión \(p.version)"))), .text(" · "),
                                    .a(.href(SiteURL.publicationFile(.value(p.id!), .value("html")).path), .text("Ver"),
                                       .span(.class("sr-only"), .text(" \(p.title), versión \(p.version)")))),
                                .td(.code(.class("hash"), .text(p.pdfSHA256))))
                        }))))
            })
    }

    static func verify(hash: String, match: Publication?) -> Node<HTML.BodyContext> {
        .group(
            .h1("Verificar un documento publicado"),
            .form(.method(.get), .action(SiteURL.verifyHash.path),
                .field("SHA-256 del archivo (64 caracteres)", name: "sha256", value: hash, required: true,
                       hint: "En Linux o macOS: sha256sum archivo.pdf · En Windows: certutil -hashfile archivo.pdf SHA256"),
                .button(.type(.submit), .text("Verificar"))),
            hash.isEmpty ? .empty : (match.map { p in
                .p(.class("flash"), .attribute(named: "role", value: "status"),
                   .text("Coincide: «\(p.title)», versión \(p.version), publicado por \(p.entity.name) el \(p.publishedOn.dayFirst)."))
            } ?? .p(.class("errors"), .attribute(named: "role", value: "status"),
                    .text("Ningún documento publicado tiene ese SHA-256. El archivo no es el publicado o fue modificado."))))
    }
}
