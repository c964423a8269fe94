import Foundation
import Plot
import VigiaCore

/// «Metodologías de riesgos»: Vigía's, the entity's copies (edited as an outline, each save a new
/// version), and the import and export of one as JSON.
enum RiskMethodologyViews {
    static let title = "Metodologías de riesgos"

    struct Own: Sendable {
        var key: String
        var methodology: RiskMethodology
    }

    static func listContent(builtIn: [RiskMethodologyService.Choice], own: [Own], json: String, errors: [String: String], csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text(title)),
            .p(.text("Un mapa guarda la metodología con que se creó. Si la política de administración del riesgo de la entidad fija otras escalas, zonas o colores, copie una metodología, ajústela y úsela en los mapas nuevos; los mapas existentes no cambian.")),
            .p(.a(.href(SiteURL.riskMaps.path), .text("← Mapas de riesgos"))),
            FormErrors.summary(errors),
            .section(.h2(.text("De la entidad")),
                own.isEmpty ? .p(.text("La entidad todavía no tiene metodologías propias.")) : .scrollBox("Metodologías de la entidad", .table(.class("list"),
                    .thead(.tr(.th("Metodología"), .th("Versión"), .th("Zonas"), .th(""))),
                    .tbody(.forEach(own) { o in
                        .tr(.td(.text(o.methodology.nombre)), .td(.class("num"), .text("\(o.methodology.version)")),
                            .td(.text(o.methodology.zonas.map(\.nombre).joined(separator: ", "))),
                            .td(.a(.href(SiteURL.riskMethodology(.value(o.key)).path), .text("Editar")), .text(" · "),
                                .a(.href(SiteURL.riskMethodologyJSON(.value(o.key)).path), .text("Descargar JSON")), .text(" · "),
                                copyButton(RiskMethodologyService.entityPrefix + o.key, csrf: csrf)))
                    })))),
            .section(.h2(.text("De Vigía")),
                .scrollBox("Metodologías de Vigía", .table(.class("list"),
                    .thead(.tr(.th("Metodología"), .th("Fuente"), .th(""))),
                    .tbody(.forEach(builtIn) { c in
                        .tr(.td(.text(c.label)), .td(.class("small"), .text(c.methodology.fuente)), .td(copyButton(c.value, csrf: csrf)))
                    })))),
            .section(.h2(.text("Importar una metodología (JSON)")),
                .p(.class("hint"), .text("El archivo que se descarga de una metodología, con sus escalas, zonas, matriz, cuestionario y valoración de controles. Se revisa completo antes de guardarlo.")),
                .form(.method(.post), .action(SiteURL.importRiskMethodology.path), .csrf(csrf),
                    .area("JSON de la metodología", name: "json", value: json, required: true, rows: 8, error: errors["json"]),
                    .div(.class("actions-bar"), .button(.type(.submit), .text("Importar"))))),
        ]
    }

    static func copyButton(_ from: String, csrf: String) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(SiteURL.copyRiskMethodology.path), .class("inline"), .csrf(csrf),
              .input(.type(.hidden), .name("desde"), .value(from)), .button(.type(.submit), .class("link"), .text("Copiar para la entidad")))
    }

    struct EditModel: Sendable {
        var key: String
        var current: RiskMethodology
        var outline: RiskMethodologyOutline
        var errors: [String: String] = [:]
    }

    static func editContent(_ m: EditModel, csrf: String) -> [Node<HTML.BodyContext>] {
        let o = m.outline, e = m.errors
        return [
            .h1(.text("\(m.current.nombre) · versión \(m.current.version)")),
            .p(.a(.href(SiteURL.riskMethodologies.path), .text("← Metodologías")), .text(" · "),
               .a(.href(SiteURL.riskMethodologyJSON(.value(m.key)).path), .text("Descargar JSON"))),
            .p(.class("hint"), .text("Guardar crea la versión \(m.current.version + 1); los mapas hechos con versiones anteriores las conservan. El cuestionario de impacto (\(m.current.preguntas.count) preguntas) y la valoración de los controles se conservan; para cambiarlos, importe un JSON.")),
            FormErrors.summary(e),
            .form(.method(.post), .action(SiteURL.riskMethodology(.value(m.key)).path), .csrf(csrf),
                .input(.type(.hidden), .name("version"), .value("\(m.current.version)")),
                .field("Nombre", name: "nombre", value: o.nombre, required: true, error: e["nombre"]),
                .field("Fuente (la política o la guía que la adopta)", name: "fuente", value: o.fuente),
                .area("Probabilidad: un nivel por línea, del más bajo al más alto («Nombre | valor | descripción»)", name: "probabilidades",
                      value: o.probabilidades, required: true, rows: 6, error: e["probabilidades"]),
                .area("Impacto: un nivel por línea, del más bajo al más alto", name: "impactos", value: o.impactos, required: true, rows: 6, error: e["impactos"]),
                .field("Impacto mínimo de un riesgo de corrupción (nombre del nivel)", name: "impactoMinimo", value: o.impactoMinimo, error: e["impactoMinimo"]),
                .area("Zonas: una por línea, de la más baja a la más alta («Nombre | #RRGGBB»)", name: "zonas", value: o.zonas, required: true, rows: 5, error: e["zonas"]),
                .area("Mapa de calor: una línea por probabilidad («Probabilidad: zona | zona | …», una zona por impacto, del más bajo al más alto)",
                      name: "matriz", value: o.matriz, required: true, rows: 6, error: e["matriz"]),
                .field("Umbrales del cuestionario: respuestas «sí» desde las que se alcanza cada impacto, desde el mínimo", name: "umbrales",
                       value: o.umbrales, error: e["umbralesImpacto"]),
                .field("Zona desde la que un riesgo debe tener acciones (nombre)", name: "zonaConAcciones", value: o.zonaConAcciones, error: e["zonaConAcciones"]),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar la versión \(m.current.version + 1)")),
                     .a(.href(SiteURL.riskMethodologies.path), .text("Cancelar")))),
        ]
    }
}
