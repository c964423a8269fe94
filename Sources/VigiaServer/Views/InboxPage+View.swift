import Foundation
import Plot

extension InboxPage {
    enum View {
        static let title = "Notificaciones"

        static func content(_ model: Model, csrf: String) -> [Node<HTML.BodyContext>] {
            [
                .h1("Notificaciones"),
                .if(model.hasUnread, .form(.method(.post), .action(SiteURL.inbox.path), .csrf(csrf),
                                           .button(.type(.submit), .class("secondary"), .text("Marcar todas como leídas")))),
                .if(model.notifications.isEmpty, .p("No tiene notificaciones.")),
                .if(!model.notifications.isEmpty, ListDownload.links(SiteURL.inbox.path, what: "sus notificaciones")),
                .forEach(model.notifications) { n in
                    .details(.class("card"), .if(n.unread, .attribute(named: "open", value: "open")),
                        .summary(.strong(.text(n.subject)), .text(" · \(stamp(n.createdAt))"), .if(n.unread, .span(.class("tag warn"), .text(" nueva")))),
                        .element(named: "pre", text: n.body))
                },
                pager(model),
                .unwrap(model.mailStatus) { .p(.class($0.warning ? "errors" : "hint"), .text($0.text)) },
                .if(!model.outbox.isEmpty, outbox(model.outbox)),
            ]
        }

        /// «Más recientes · página 2 de 5 · Anteriores» when there is more than one page.
        static func pager(_ m: Model) -> Node<HTML.BodyContext> {
            let pages = max(1, (m.total + Model.pageSize - 1) / Model.pageSize)
            guard pages > 1 else { return .empty }
            let link = { (n: Int) in SiteURL.inbox.path + (n > 1 ? "?pagina=\(n)" : "") }
            return .nav(.class("pager"), .ariaLabel("Páginas"),
                .if(m.page > 1, .a(.href(link(m.page - 1)), .text("« Más recientes"))),
                .text(" Página \(m.page) de \(pages) (\(m.total) notificaciones) "),
                .if(m.page < pages, .a(.href(link(m.page + 1)), .text("Anteriores »"))))
        }

        static func outbox(_ items: [Model.Outgoing]) -> Node<HTML.BodyContext> {
            .section(.h2("Bandeja de salida de la entidad"),
                .scrollBox("Bandeja de salida", .table(.class("list"),
                    .thead(.tr(.th("Creada"), .th("Para"), .th("Asunto"), .th("Estado"))),
                    .tbody(.forEach(items) { n in
                        .tr(.td(.class("nowrap"), .text(stamp(n.createdAt))), .td(.text(n.email)), .td(.text(n.subject)),
                            .td(.text(status(n.delivery))))
                    }))))
        }

        static func status(_ delivery: Model.Delivery) -> String {
            switch delivery {
            case .sent(let at): "Entregada al servidor de correo el \(stamp(at))"
            case .failed(let attempts, let error): "Error (\(attempts) intento(s)): \(error)"
            case .pending: "Pendiente de envío"
            }
        }

        /// dd/mm/aaaa hh:mm in Bogotá.
        static func stamp(_ date: Date?) -> String {
            guard let date else { return "" }
            let f = DateFormatter()
            f.locale = Locale(identifier: "es_CO")
            f.timeZone = TimeZone(identifier: "America/Bogota")
            f.dateFormat = "dd/MM/yyyy HH:mm"
            return f.string(from: date)
        }

        static func html(_ model: Model, context: PageContext) -> String {
            Layout.html(context) { content(model, csrf: context.csrf) }
        }
    }
}
