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
                .unwrap(model.mailStatus) { .p(.class($0.warning ? "errors" : "hint"), .text($0.text)) },
                .if(!model.outbox.isEmpty, outbox(model.outbox)),
            ]
        }

        static func outbox(_ items: [Model.Outgoing]) -> Node<HTML.BodyContext> {
            .section(.h2("Bandeja de salida de la entidad"),
                .div(.class("scroll"), .table(.class("list"),
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
