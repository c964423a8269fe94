import Plot
import VigiaCore

/// The entity's settings: name and NIT, the format block printed on its documents, the maximum
/// term of a plan and the reminder days.
enum EntitySettingsView {
    struct Form: Sendable {
        var nombre = "", nit = "", proceso = "", nombreFormato = "", codigo = "", version = "", fecha = "", consecutivo = ""
        var plazoMaximo = "", recordatorios = ""
        var zonaBaja = "60", zonaAlta = "80", periodicidad = "cuatrimestral"
        var aprobador = "oci"
    }

    static let title = "Datos de la entidad"

    /// `logo`: the address of the current logo, if any.
    static func content(_ f: Form, logo: String? = nil, errors e: [String: String], csrf: String) -> [Node<HTML.BodyContext>] {
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
            .fieldset(.element(named: "legend", text: "Zonas del semáforo (planes y programas: pantallas, Excel y PDF)"),
                .p(.class("small"), .text("Por omisión 0–59 % baja (rojo), 60–79 % media (amarillo), 80–100 % alta (verde). Los documentos ya publicados no cambian.")),
                .unwrap(e["zonas"]) { .p(.class("error"), .text($0)) },
                .div(.class("grid2"),
                    .field("Zona baja: por debajo de (%)", name: "zonaBaja", value: f.zonaBaja, required: true,
                           extra: [.attribute(named: "inputmode", value: "decimal")]),
                    .field("Zona alta: desde (%)", name: "zonaAlta", value: f.zonaAlta, required: true,
                           extra: [.attribute(named: "inputmode", value: "decimal")]))),
            .choice("Publicación del seguimiento del PAAC / PTEP", name: "periodicidad",
                    options: [("cuatrimestral", "Cuatrimestral (cortes 30/04, 31/08 y 31/12)"), ("semestral", "Semestral (cortes 30/06 y 31/12)")],
                    selected: f.periodicidad, error: e["periodicidad"]),
            .choice("Quién aprueba las reformulaciones de acciones de los planes", name: "aprobador",
                    options: ReformulationApprover.allCases.map { ($0.rawValue, $0.label) }, selected: f.aprobador, error: e["aprobador"]),
            .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")),
                 .a(.href(SiteURL.administration.path), .text("Volver a Administración")))),
         logoSection(logo, error: e["logo"], csrf: csrf)]
    }

    static func logoSection(_ logo: String?, error: String?, csrf: String) -> Node<HTML.BodyContext> {
        .section(.id("logo"), .h2(.text("Logo de los documentos")),
            .p(.class("small"), .text("Aparece en el encabezado de los planes y seguimientos en pantalla, en Excel y en PDF (también en los que se publiquen desde ahora). Imagen PNG de hasta 512 KB.")),
            .unwrap(logo) { .p(.img(.class("logo-preview"), .src($0), .alt("Logo actual de la entidad"))) },
            .form(.method(.post), .action(SiteURL.entityLogoUpload.path), .enctype(.multipartData),
                .csrf(csrf),
                .div(.class("field"),
                    .label(.for("logo-file"), .text("Archivo PNG")),
                    .input(.type(.file), .name("logo"), .id("logo-file"), .attribute(named: "accept", value: "image/png"),
                           .attribute(named: "aria-invalid", value: error == nil ? "false" : "true")),
                    .unwrap(error) { .small(.class("error"), .text($0)) }),
                .div(.class("actions-bar"), .button(.type(.submit), .text(logo == nil ? "Guardar el logo" : "Cambiar el logo")))),
            .unwrap(logo) { _ in
                .form(.method(.post), .action(SiteURL.entityLogoUpload.path), .enctype(.multipartData), .csrf(csrf),
                      .input(.type(.hidden), .name("quitar"), .value("1")),
                      .button(.type(.submit), .class("secondary"), .text("Quitar el logo")))
            })
    }
}
