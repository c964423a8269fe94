import Plot

extension CalendarPage {
    enum View {
        static let title = "Mi calendario"

        static func content(_ model: Model, csrf: String) -> [Node<HTML.BodyContext>] {
            [
                .h1("Mi calendario"),
                .p("Suscríbase desde su programa de calendario (Google Calendar, Outlook, Thunderbird, el calendario del teléfono) a un enlace privado con las fechas finales de sus acciones, los cortes de los seguimientos y las fechas límite de publicación, con recordatorios."),
                model.newURL.map { url in
                    .div(.class("flash"), .p(.strong("Su enlace privado (cópielo ahora; por seguridad no se vuelve a mostrar):")),
                         .p(.code(.class("hash"), .text(url))))
                } ?? (model.hasToken
                    ? .p("Ya tiene un enlace activo. Si lo perdió o lo compartió por error, genere uno nuevo: el anterior deja de funcionar.")
                    : .empty),
                .form(.method(.post), .action(SiteURL.calendar.path), .class("inline"), .csrf(csrf),
                    .input(.type(.hidden), .name("accion"), .value("nuevo")),
                    .button(.type(.submit), .text(model.hasToken ? "Generar un enlace nuevo" : "Generar mi enlace"))),
                .if(model.hasToken, .form(.method(.post), .action(SiteURL.calendar.path), .class("inline"), .csrf(csrf),
                    .input(.type(.hidden), .name("accion"), .value("revocar")),
                    .button(.type(.submit), .class("secondary"), .text("Revocar el enlace")))),
            ]
        }

        static func html(_ model: Model, context: PageContext) -> String {
            Layout.html(context) { content(model, csrf: context.csrf) }
        }
    }
}
