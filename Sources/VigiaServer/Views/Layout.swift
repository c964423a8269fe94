import Plot
import Vapor
import VigiaCore

/// What every page needs besides its own content: plain values, so a view renders without a
/// server (tests build one by hand).
struct PageContext: Sendable {
    var title: String
    var user: CurrentUser?
    var entityName: String?
    var csrf: String
    var flash: String?

    init(title: String, user: CurrentUser? = nil, entityName: String? = nil, csrf: String = "", flash: String? = nil) {
        self.title = title
        self.user = user
        self.entityName = entityName
        self.csrf = csrf
        self.flash = flash
    }

    /// The request's user, CSRF token and flash message (taken: it is shown once).
    init(_ req: Request, title: String, entityName: String? = nil) {
        self.init(title: title, user: req.currentUser, entityName: entityName, csrf: req.csrfToken, flash: req.takeFlash())
    }
}

/// The base page: header with navigation, the flash message, the content.
enum Layout {
    static func render(_ ctx: PageContext, status: HTTPStatus = .ok, @NodeBuilder content: () -> [Node<HTML.BodyContext>]) -> Response {
        response(html(ctx, content: content), status: status)
    }

    /// An HTML page as the browser receives it, never stored by caches.
    static func response(_ html: String, status: HTTPStatus = .ok) -> Response {
        let res = Response(status: status, body: .init(string: html))
        res.headers.contentType = .html
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return res
    }

    static func html(_ ctx: PageContext, @NodeBuilder content: () -> [Node<HTML.BodyContext>]) -> String {
        HTML(
            .lang(.spanish),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(ctx.title) · Vigía"),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path))
            ),
            .body(
                .a(.class("skip"), .href("#contenido"), .text("Saltar al contenido")),
                .header(.class("top"),
                    .a(.class("brand"), .href(SiteURL.home.path), .text("Vigía")),
                    .unwrap(ctx.entityName) { .span(.class("entity"), .text($0)) },
                    .unwrap(ctx.user) { navigation($0, csrf: ctx.csrf) }
                ),
                // tabindex -1: «Saltar al contenido» moves the focus here, so the next Tab starts in the content.
                .main(.id("contenido"), .attribute(named: "tabindex", value: "-1"),
                    .unwrap(ctx.flash) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
                    .group(content())
                ),
                .footer(.class("bottom"), .text("Vigía · seguimiento de planes de mejoramiento para las Oficinas de Control Interno"))
            )
        ).render()
    }

    static func navigation(_ user: CurrentUser, csrf: String) -> Node<HTML.BodyContext> {
        .nav(.ariaLabel("Principal"),
            .if(user.role.administersInstall, .a(.href(SiteURL.installation.path), .text("Entidades")),
                else: .group(entityLinks(user))),
            .a(.class("who"), .href(SiteURL.changePassword.path), .attribute(named: "title", value: "Cambiar la contraseña"),
               .text("\(user.name) · \(user.role.label)")),
            .form(.method(.post), .action(SiteURL.logout.path), .class("inline"),
                .csrf(csrf),
                .button(.type(.submit), .class("link"), .text("Salir")))
        )
    }

    /// The links of a user who works inside an entity.
    static func entityLinks(_ user: CurrentUser) -> [Node<HTML.BodyContext>] {
        [.a(.href(SiteURL.home.path), .text("Inicio")),
         .a(.href(SiteURL.plans.path), .text("Planes de mejoramiento")),
         .a(.href(SiteURL.programs.path), .text("PAAC / PTEP")),
         .a(.href(SiteURL.riskMaps.path), .text("Riesgos de corrupción")),
         .a(.href(SiteURL.calendar.path), .text("Calendario")),
         .a(.href(SiteURL.inbox.path), .text("Notificaciones")),
         .a(.href(SiteURL.apiTokens.path), .text("Tokens de API")),
         .if(user.role.administers, .a(.href(SiteURL.administration.path), .text("Administración")))]
    }
}

@resultBuilder
enum NodeBuilder {
    static func buildBlock(_ parts: [Node<HTML.BodyContext>]...) -> [Node<HTML.BodyContext>] { parts.flatMap { $0 } }
    static func buildExpression(_ node: Node<HTML.BodyContext>) -> [Node<HTML.BodyContext>] { [node] }
    static func buildExpression(_ nodes: [Node<HTML.BodyContext>]) -> [Node<HTML.BodyContext>] { nodes }
    static func buildOptional(_ part: [Node<HTML.BodyContext>]?) -> [Node<HTML.BodyContext>] { part ?? [] }
    static func buildEither(first: [Node<HTML.BodyContext>]) -> [Node<HTML.BodyContext>] { first }
    static func buildEither(second: [Node<HTML.BodyContext>]) -> [Node<HTML.BodyContext>] { second }
    static func buildArray(_ parts: [[Node<HTML.BodyContext>]]) -> [Node<HTML.BodyContext>] { parts.flatMap { $0 } }
}

extension Node where Context: HTML.BodyContext {
    static func csrf(_ token: String) -> Node {
        .input(.type(.hidden), .name("_csrf"), .value(token))
    }

    /// A labelled input; `error` is shown under it and tied to it for screen readers.
    static func field(_ label: String, name: String, value: String?, type: HTMLInputType = .text, required: Bool = false,
                      hint: String? = nil, error: String? = nil, extra: [Attribute<HTML.InputContext>] = []) -> Node {
        // Dates are native date inputs (the browser shows them in its locale: dd/mm/aaaa in Spanish)
        // and send aaaa-mm-dd; the server reads that and dd/mm/aaaa alike (`LocalDate(dayFirst:)`).
        // A value that is not a date (typed by a client without date inputs, sent back with its
        // error) stays a text box holding what was typed, so nothing typed is lost.
        if type == .date {
            let typed = (value ?? "").trimmed
            if typed.isEmpty || LocalDate(dayFirst: typed) != nil {
                return field(label, name: name, value: LocalDate(dayFirst: typed)?.iso ?? "", type: .date, required: required,
                             hint: hint, error: error, native: extra + [.attribute(named: "min", value: "1900-01-01"),
                                                                         .attribute(named: "max", value: "2999-12-31")])
            }
            return field(label, name: name, value: typed, type: .text, required: required, hint: hint, error: error,
                         extra: extra + [.placeholder("dd/mm/aaaa"), .attribute(named: "inputmode", value: "numeric"),
                                         .attribute(named: "size", value: "10")])
        }
        return field(label, name: name, value: value, type: type, required: required, hint: hint, error: error, native: extra)
    }

    private static func field(_ label: String, name: String, value: String?, type: HTMLInputType, required: Bool,
                              hint: String?, error: String?, native extra: [Attribute<HTML.InputContext>]) -> Node {
        return .div(.class(error == nil ? "field" : "field invalid"),
            .label(.for(name), .text(label + (required ? " *" : ""))),
            .selfClosedElement(named: "input", attributes: [.type(type), .name(name), .id(name), .value(value ?? ""), .required(required)]
                          + (error != nil || hint != nil ? [.attribute(named: "aria-describedby", value: "\(name)-ayuda")] : [])
                          + (error != nil ? [.attribute(named: "aria-invalid", value: "true")] : [])
                          + extra),
            .unwrap(error ?? hint) { .small(.id("\(name)-ayuda"), .class(error == nil ? "hint" : "error"), .text($0)) }
        )
    }

    /// A labelled textarea; `error` is shown under it and tied to it for screen readers, as in `field`.
    static func area(_ label: String, name: String, value: String?, required: Bool = false, rows: Int = 3, error: String? = nil) -> Node {
        .div(.class(error == nil ? "field" : "field invalid"),
            .label(.for(name), .text(label + (required ? " *" : ""))),
            .textarea(.name(name), .id(name), .rows(rows), .required(required),
                      .if(error != nil, .group(.attribute(named: "aria-invalid", value: "true"),
                                               .attribute(named: "aria-describedby", value: "\(name)-ayuda"))),
                      .text(value ?? "")),
            .unwrap(error) { .small(.id("\(name)-ayuda"), .class("error"), .text($0)) }
        )
    }

    /// A labelled select; `error` is shown under it and tied to it for screen readers, as in `field`.
    static func choice(_ label: String, name: String, options: [(value: String, label: String)], selected: String?,
                       error: String? = nil) -> Node {
        .div(.class(error == nil ? "field" : "field invalid"),
            .label(.for(name), .text(label)),
            .select(.attribute(named: "name", value: name), .attribute(named: "id", value: name),
                .if(error != nil, .group(.attribute(named: "aria-invalid", value: "true"),
                                         .attribute(named: "aria-describedby", value: "\(name)-ayuda"))),
                .forEach(options) { o in .opt(o.value, o.label, selected: o.value == selected) }),
            .unwrap(error) { .small(.id("\(name)-ayuda"), .class("error"), .text($0)) }
        )
    }

    /// A semáforo badge: colour and word, never colour alone.
    static func ratingZone(_ percent: Double?) -> Node {
        let l = RatingZone(percent: percent)
        return .span(.class("light \(l.rawValue)"), .text("\(SpanishFormat.percent(percent)) · \(l.label)"))
    }
}

extension Node where Context == HTML.SelectContext {
    static func opt(_ value: String, _ label: String, selected: Bool) -> Node {
        .element(named: "option", nodes: [
            // Kept when empty: Plot drops an empty attribute, and an option without `value` sends
            // its label («Todas») instead of nothing.
            .attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
            selected ? .attribute(named: "selected", value: "selected") : .empty,
            .text(label),
        ])
    }
}
