import Plot
import Vapor
import VigiaCore

/// Import of a published PAAC / PTEP seguimiento (text copied from its PDF).
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
