import Foundation
import Plot
import VigiaCore

/// A control or an action of a risk as typed.
struct RiskItemForm: Codable, Sendable, Equatable {
    var descripcion: String?
    var responsable: String?
    // Control
    var tipo: String?
    var implementacion: String?
    var documentacion: String?
    var frecuencia: String?
    var evidencia: String?
    var puntaje: String?
    // Action
    var fechaInicio: String?
    var fechaFin: String?
    var indicador: String?
    var registro: String?
    /// The dependencias (ids) whose responsables report the action's monitoreo.
    var dependencias: [String]?
    /// The program activity (component 1) the action carries out, by id; empty for none.
    var actividadPrograma: String?
    var revision: Int?

    init(control c: Control) {
        let i = ControlInput(c)
        descripcion = i.descripcion; responsable = i.responsable; tipo = i.tipo; implementacion = i.implementacion
        documentacion = i.documentacion; frecuencia = i.frecuencia; evidencia = i.evidencia; puntaje = i.puntaje
    }

    init(action a: RiskActionPlan) {
        descripcion = a.descripcion; responsable = a.responsable; fechaInicio = a.fechaInicio?.dayFirst; fechaFin = a.fechaFin?.dayFirst
        indicador = a.indicador; registro = a.registro; dependencias = a.dependencias?.map(\.uuidString)
        actividadPrograma = a.actividadPrograma?.uuidString
    }

    init() {}

    var control: ControlInput {
        ControlInput(descripcion: descripcion ?? "", responsable: responsable ?? "", tipo: tipo ?? "", implementacion: implementacion ?? "",
                     documentacion: documentacion ?? "", frecuencia: frecuencia ?? "", evidencia: evidencia ?? "", puntaje: puntaje ?? "")
    }

    /// The action, or the dates that could not be read (by field).
    func action() -> (RiskActionPlan, [String: String]) {
        var dates = FormDates()
        let start = dates.read(fechaInicio, field: "fechaInicio", label: "Fecha de inicio")
        let end = dates.read(fechaFin, field: "fechaFin", label: "Fecha de fin")
        var problems = dates.problems
        let ids = (dependencias ?? []).filter { !$0.trimmed.isEmpty }.map { UUID(uuidString: $0.trimmed) }
        if ids.contains(nil) { problems["dependencias"] = "Dependencias: elija de la lista." }
        let activityText = (actividadPrograma ?? "").trimmed
        let activity = activityText.isEmpty ? nil : UUID(uuidString: activityText)
        if !activityText.isEmpty && activity == nil { problems["actividadPrograma"] = "Actividad del programa: elija de la lista." }
        var plan = RiskActionPlan(descripcion: descripcion ?? "", responsable: responsable ?? "", fechaInicio: start, fechaFin: end,
                                  indicador: indicador ?? "", registro: registro ?? "", dependencias: ids.isEmpty ? nil : ids.compactMap { $0 })
        plan.actividadPrograma = activity
        return (plan, problems)
    }
}

/// The form of a control (with the methodology's weights or score said beside it) or of an action.
enum RiskItemFormView {
    struct Model: Sendable {
        var mapID: UUID
        var map: RiskMap
        var revision: Int
        var risk: Risk
        var kind: RiskItemKind
        /// From 1; nil for a new item.
        var position: Int?
        var form: RiskItemForm
        var errors: [String: String] = [:]
        var dependencies: [DependencyChoice] = []
        /// Component 1 activities of the program of the map's vigencia: (id, text).
        var activities: [(id: UUID, text: String)] = []

        var title: String {
            position.map { "Editar \(kind.named($0)) del riesgo \(risk.numero)" }
                ?? (kind == .control ? "Nuevo control del riesgo \(risk.numero)" : "Nueva acción del riesgo \(risk.numero)")
        }
    }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let target = m.position.map { SiteURL.riskItem(.value(m.mapID), .value(m.risk.numero), m.kind, .value($0)).path }
            ?? SiteURL.newRiskItem(.value(m.mapID), .value(m.risk.numero), m.kind).path
        let back = SiteURL.risk(.value(m.mapID), .value(m.risk.numero)).path
        let text = m.risk.riesgo
        return [
            .h1(.text(m.title)),
            .p(.class("small"), .text("Riesgo \(m.risk.numero): \(text.prefix(300))\(text.count > 300 ? "…" : "") · Inherente: \(m.map.metodologia.label(m.risk.inherente))")),
            FormErrors.summary(m.errors),
            .form(.method(.post), .action(target),
                .csrf(csrf), .input(.type(.hidden), .name("revision"), .value("\(m.revision)")),
                m.kind == .control ? controlFields(m) : actionFields(m),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")), .a(.href(back), .text("Cancelar")))),
        ]
    }

    static func controlFields(_ m: Model) -> Node<HTML.FormContext> {
        let f = m.form, e = m.errors, meth = m.map.metodologia
        var weights = ""
        if case .levels(let rules) = meth.controles {
            weights = "\(meth.nombre): " + rules.sorted { $0.desde < $1.desde }
                .map { "desde \(SpanishFormat.number($0.desde)) puntos el promedio baja \($0.niveles) nivel\($0.niveles == 1 ? "" : "es")" }.joined(separator: "; ")
                + " (los preventivos y detectivos, la probabilidad; los correctivos, el impacto)."
        }
        if case .attributes(let tipo, let impl) = meth.controles {
            weights = "Peso (\(meth.nombre)): " + Control.Tipo.allCases.map { "\($0.rawValue) \(SpanishFormat.percent(tipo[$0.rawValue] ?? 0))" }.joined(separator: ", ")
                + "; más " + Control.Implementacion.allCases.map { "\($0.rawValue) \(SpanishFormat.percent(impl[$0.rawValue] ?? 0))" }.joined(separator: ", ")
                + ". Los preventivos y detectivos bajan la probabilidad; los correctivos, el impacto. El residual se calcula al guardar."
        }
        return .group(
            .area("Descripción del control", name: "descripcion", value: f.descripcion, required: true, rows: 3, error: e["descripcion"]),
            .field("Responsable del control", name: "responsable", value: f.responsable),
            .choice("Tipo", name: "tipo", options: [("", "Elija…")] + Control.Tipo.allCases.map { ($0.rawValue, $0.rawValue.capitalized) },
                    selected: f.tipo, error: e["tipo"]),
            .choice("Implementación", name: "implementacion",
                    options: [("", "Elija…")] + Control.Implementacion.allCases.map { ($0.rawValue, $0.rawValue.capitalized) },
                    selected: f.implementacion, error: e["implementacion"]),
            .if(!weights.isEmpty, .p(.class("hint"), .text(weights))),
            .if(meth.scoresControls, .field("Puntaje del diseño del control (0 a 100)", name: "puntaje", value: f.puntaje, required: true,
                                            error: e["puntaje"],
                                            extra: [.attribute(named: "inputmode", value: "decimal")])),
            .field("Documentación", name: "documentacion", value: f.documentacion, hint: "¿Está documentado? ¿En qué procedimiento?"),
            .field("Frecuencia", name: "frecuencia", value: f.frecuencia, hint: "Continua, mensual, en cada contrato…"),
            .field("Evidencia", name: "evidencia", value: f.evidencia, hint: "Qué registro deja el control."))
    }

    static func actionFields(_ m: Model) -> Node<HTML.FormContext> {
        let f = m.form, e = m.errors
        return .group(
            .area("Acción", name: "descripcion", value: f.descripcion, required: true, rows: 3, error: e["descripcion"]),
            .field("Responsable", name: "responsable", value: f.responsable, required: true, error: e["responsable"]),
            .field("Fecha de inicio", name: "fechaInicio", value: f.fechaInicio, type: .date, required: true, error: e["fechaInicio"]),
            .field("Fecha de fin", name: "fechaFin", value: f.fechaFin, type: .date, required: true, error: e["fechaFin"]),
            .field("Indicador", name: "indicador", value: f.indicador),
            .field("Registro o evidencia", name: "registro", value: f.registro),
            .if(!m.dependencies.isEmpty, .dependencyBoxes("Dependencias que reportan el monitoreo", m.dependencies, chosen: f.dependencias)),
            .unwrap(e["dependencias"]) { .small(.class("error"), .text($0)) },
            .if(!m.activities.isEmpty, .choice("Actividad del componente 1 del PAAC/PTEP \(m.map.vigencia) que ejecuta esta acción", name: "actividadPrograma",
                                               options: [("", "Ninguna")] + m.activities.map { ($0.id.uuidString, $0.text) },
                                               selected: f.actividadPrograma, error: e["actividadPrograma"])))
    }
}
