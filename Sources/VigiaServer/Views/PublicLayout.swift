import Plot
import Vapor
import VigiaCore

/// The public pages' frame: Spanish, a skip link, landmarks, no login menu (WCAG 2.1 AA).
enum PublicLayout {
    static func render(title: String, @NodeBuilder content: () -> [Node<HTML.BodyContext>]) -> Response {
        let res = Response(status: .ok, body: .init(string: html(title: title, content: content)))
        res.headers.contentType = .html
        return res
    }

    static func html(title: String, @NodeBuilder content: () -> [Node<HTML.BodyContext>]) -> String {
        HTML(
            .lang(.spanish),
            .head(.meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                  .title("\(title) · Vigía"), .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path))),
            .body(
                .a(.class("skip"), .href("#contenido"), .text("Saltar al contenido")),
                .header(.class("top"), .a(.class("brand"), .href(SiteURL.transparency.path), .text("Transparencia")),
                        .nav(.ariaLabel("Transparencia"), .a(.href(SiteURL.verifyHash.path), .text("Verificar un documento")))),
                .main(.id("contenido"), .attribute(named: "tabindex", value: "-1"), .group(content())),
                .footer(.class("bottom"), .text("Información publicada en cumplimiento de la Ley 1712 de 2014. Publicado con Vigía."))))
            .render()
    }
}
