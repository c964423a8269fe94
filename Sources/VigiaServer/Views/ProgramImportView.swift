import Plot
import VigiaCore

/// Import of a published PAAC / PTEP seguimiento (text copied from its PDF): the text pasted
/// (kept after a refusal) and why it was refused.
enum ProgramImportView {
    static let title = "Importar seguimiento del programa"

    static func content(text: String, error: String?, csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .h1("Importar el seguimiento publicado de un PAAC / PTEP"),
            .p(.text("Elija el libro de Excel (.xlsx) o el archivo de texto del seguimiento de la OCI, o pegue el texto del informe (copiado del PDF): título, periodo, «COMPONENTE N: …» y las tablas SUB COMPONENTE | ACTIVIDADES | META O PRODUCTO | RESPONSABLES | FECHA PROGRAMADA | % AVANCE | SEGUIMIENTO. Si la vigencia ya está registrada, el seguimiento se agrega a ese programa. Si algo no se entiende, nada se guarda y se indica la hoja, la fila o línea y la columna.")),
            .unwrap(error) { .p(.class("errors"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action(SiteURL.importProgram.path), .enctype(.multipartData),
                .csrf(csrf),
                ImportFileFields.fields,
                .area("O pegue aquí el texto", name: "texto", value: text, rows: 14),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Importar")), .a(.href(SiteURL.programs.path), .text("Cancelar")))),
        ]
    }
}
