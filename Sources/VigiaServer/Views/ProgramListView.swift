import Plot
import Vapor
import VigiaCore

enum ProgramListView {
    struct Row {
        let program: ProgramSnapshot
        let period: Int?
        let evaluation: ProgramEvaluation?
    }

    static func render(_ req: Request, entity: String?, rows: [Row]) -> Response {
        let ctx = PageContext(req, title: "Programas anticorrupción", entityName: entity)
        let canImport = ctx.user.map { $0.role == .oci || $0.role == .administrador } ?? false
        return Layout.render(ctx) {
            Node<HTML.BodyContext>.h1("Plan Anticorrupción y de Atención al Ciudadano (PAAC) / PTEP")
            if canImport {
                Node<HTML.BodyContext>.div(.class("actions-bar"),
                    .a(.class("button"), .href(SiteURL.newProgram.path), .text("Nuevo programa")),
                    .a(.class("button secondary"), .href(SiteURL.importProgram.path), .text("Importar un seguimiento publicado")),
                    .if(ctx.user?.role == .administrador, .a(.href(SiteURL.templates.path), .text("Plantillas"))))
            }
            if rows.isEmpty {
                Node<HTML.BodyContext>.p("No hay programas registrados.")
            } else {
                Node<HTML.BodyContext>.table(.class("list"),
                    .caption(.text("Programas por vigencia, con el avance del último periodo con seguimiento")),
                    .thead(.tr(.th("Vigencia"), .th("Plantilla"), .th("Componentes"), .th("Actividades"), .th("Último periodo"),
                               .th("% del programa y zona"), .th("Cumplidas (100 %)"))),
                    .tbody(.forEach(rows) { r in
                        .tr(.td(.a(.href(SiteURL.program(.value(r.program.id!)).path), .text("\(r.program.vigencia)"))),
                            .td(.text(r.program.plantilla)),
                            .td(.class("num"), .text("\(r.program.componentes.count)")),
                            .td(.class("num"), .text("\(r.program.activityCount)")),
                            .td(.text(r.period.flatMap { n in r.program.periodos.first { $0.numero == n }?.nombre.capitalized } ?? "Sin seguimiento")),
                            .td(.light(r.evaluation?.porcentaje)),
                            .td(.class("num"), .text(r.evaluation.map { "\($0.cumplidas) de \($0.actividades)" } ?? "—")))
                    }))
            }
        }
    }
}

enum ProgramImportView {
    static func render(_ req: Request, text: String, error: String?, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: "Importar seguimiento del programa")
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1("Importar el seguimiento publicado de un PAAC / PTEP")
            Node<HTML.BodyContext>.p(.text("Pegue el texto del informe de seguimiento de la OCI (copiado del PDF: título, periodo, «COMPONENTE N: …» y las tablas SUB COMPONENTE | ACTIVIDADES | META O PRODUCTO | RESPONSABLES | FECHA PROGRAMADA | % AVANCE | SEGUIMIENTO). Si la vigencia ya está registrada, el seguimiento se agrega a ese programa. Si algo no se entiende, nada se guarda y se indica la línea."))
            if let error {
                Node<HTML.BodyContext>.p(.class("errors"), .attribute(named: "role", value: "alert"), .text(error))
            }
            Node<HTML.BodyContext>.form(.method(.post), .action(SiteURL.importProgram.path), .enctype(.multipartData),
                .csrf(ctx.csrf),
                .div(.class("field"), .label(.for("archivo"), .text("Archivo de texto")),
                     .input(.type(.file), .name("archivo"), .id("archivo"), .attribute(named: "accept", value: ".txt,text/plain"))),
                .area("O pegue aquí el texto", name: "texto", value: text, rows: 14),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Importar")), .a(.href(SiteURL.programs.path), .text("Cancelar"))))
        }
    }
}
