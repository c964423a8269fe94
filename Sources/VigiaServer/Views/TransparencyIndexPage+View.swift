import Plot

extension TransparencyIndexPage {
    enum View {
        static let title = "Transparencia"

        static func html(_ model: Model) -> String {
            PublicLayout.html(title: title) { content(model) }
        }

        static func content(_ model: Model) -> [Node<HTML.BodyContext>] {
            [
                .h1("Transparencia y acceso a la información pública"),
                .p("Seguimientos publicados por las Oficinas de Control Interno (Ley 1712 de 2014)."),
                model.entities.isEmpty
                    ? .p("Todavía no hay seguimientos publicados.")
                    : .ul(.forEach(model.entities) { e in .li(.a(.href(SiteURL.transparencyEntity(.value(e.id)).path), .text(e.name))) }),
            ]
        }
    }
}
