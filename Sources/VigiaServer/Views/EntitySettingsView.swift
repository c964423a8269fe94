import Plot

/// The entity's settings: name and NIT, the format block printed on its documents, the maximum
/// term of a plan and the reminder days.
enum EntitySettingsView {
    struct Form: Sendable {
        var nombre = "", nit = "", proceso = "", nombreFormato = "", codigo = "", version = "", fecha = "", consecutivo = ""
        var plazoMaximo = "", recordatorios = ""
    }

    static let title = "Datos de la entidad"

    static func content(_ f: Form, errors e: [String: String], csrf: String) -> [Node<HTML.BodyContext>] {
        [.h1(.text(title)),
         FormErrors.summary(e),
         .form(.method(.post), .action(SiteURL.entitySettings.path),
            .csrf(csrf),
            .div(.class("grid2"),
                .field("Nombre de la entidad", name: "nombre", value: f.nombre, required: true, error: e["nombre"]),
                .field("NIT", name: "nit", value: f.nit, required: true, hint: "Por ejemplo 890.000.123-4.", error: e["nit"])),
            .fieldset(.element(named: "legend", text: "Encabezado de los formatos (planes y seguimientos que se descargan y publican)"),
                .p(.class("small"), .text("Los planes ya formulados conservan el código, la versión y la fecha del formato con que se hicieron; los nuevos toman estos.")),
                .div(.class("grid2"),
                    .field("Proceso", name: "proceso", value: f.proceso, error: e["proceso"]),
                    .field("Nombre del formato", name: "nombreFormato", value: f.nombreFormato, error: e["nombreFormato"]),
                    .field("Código", name: "codigo", value: f.codigo, error: e["codigo"]),
                    .field("Versión", name: "version", value: f.version, error: e["version"]),
                    .field("Fecha del formato", name: "fecha", value: f.fecha, hint: "Como aparece en el formato aprobado, p. ej. 15/03/2024.", error: e["fecha"]),
                    .field("Consecutivo", name: "consecutivo", value: f.consecutivo, error: e["consecutivo"]))),
            .div(.class("grid2"),
                .field("Plazo máximo de un plan (meses)", name: "plazoMaximo", value: f.plazoMaximo,
                       hint: "Las validaciones avisan si una acción termina después; vacío: sin límite.", error: e["plazoMaximo"],
                       extra: [.attribute(named: "inputmode", value: "numeric")]),
                .field("Recordatorios (días antes de cada vencimiento)", name: "recordatorios", value: f.recordatorios, required: true,
                       hint: "Por ejemplo «15, 5»: se avisa 15 y 5 días antes de cada fecha final y de cada corte.", error: e["recordatorios"])),
            .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")),
                 .a(.href(SiteURL.administration.path), .text("Volver a Administración"))))]
    }
}
