import Plot

/// The file and sheet fields of every import form (plans and programs read the same files).
enum ImportFileFields {
    static var fields: Node<HTML.FormContext> {
        .div(.class("grid2"),
            .div(.class("field"),
                .label(.for("archivo"), .text("Archivo: libro de Excel (.xlsx) o texto (.txt, .tsv)")),
                .input(.type(.file), .name("archivo"), .id("archivo"),
                       .attribute(named: "accept", value: ".xlsx,.txt,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/plain,text/tab-separated-values"))),
            .field("Hoja del libro (opcional)", name: "hoja", value: "", hint: "Por omisión, la primera hoja."))
    }
}
