import Foundation
import Plot
import VigiaCore

/// A dependencia offered in a form: its id (the value sent) and its name.
struct DependencyChoice: Sendable, Equatable {
    var id: UUID
    var name: String
}

extension Node where Context == HTML.FormContext {
    /// One checkbox per dependencia, `dependencias[]` in the form; those in `chosen` are ticked.
    static func dependencyBoxes(_ legend: String, _ choices: [DependencyChoice], chosen: [String]?) -> Node {
        let ticked = Set(chosen ?? [])
        return .fieldset(.element(named: "legend", text: legend),
            .forEach(choices) { d in
                .div(.input(.type(.checkbox), .name("dependencias[]"), .id("dep-\(d.id.uuidString)"), .value(d.id.uuidString),
                            .checked(ticked.contains(d.id.uuidString))),
                     .label(.for("dep-\(d.id.uuidString)"), .text(" " + d.name)))
            })
    }
}

/// The form of a finding, new or edited: the values as typed and each refusal beside its field.
enum FindingFormView {
    struct Model: Sendable {
        var planID: UUID
        var unidadAuditable: String
        /// The finding edited; nil for a new one.
        var editing: (id: UUID, numero: Int)?
        var form: FindingForm
        var errors: [String: String] = [:]
    }

    static func title(_ m: Model) -> String {
        m.editing.map { "Editar hallazgo \($0.numero)" } ?? "Nuevo hallazgo"
    }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let target = m.editing.map { SiteURL.editFinding(.value(m.planID), .value($0.id)).path } ?? SiteURL.newFinding(.value(m.planID)).path
        let form = m.form, errors = m.errors
        return [.h1(.text("\(title(m)) · \(m.unidadAuditable)")),
            FormErrors.summary(errors),
            .form(.method(.post), .action(target),
                .csrf(csrf),
                .field("No.", name: "numero", value: form.numero, type: .number, required: true, error: errors["numero"],
                       extra: [.attribute(named: "min", value: "1")]),
                .area("Descripción del hallazgo u observación", name: "descripcion", value: form.descripcion, required: true, rows: 6, error: errors["descripcion"]),
                .area("Causa", name: "causa", value: form.causa, rows: 3),
                .area("Efecto", name: "efecto", value: form.efecto, rows: 2),
                .area("Criterio (norma)", name: "criterio", value: form.criterio, rows: 2),
                .field("Código del hallazgo en el informe del ente de control (p. ej. el de la CGR para SIRECI)", name: "codigo", value: form.codigo),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")),
                     .a(.href(SiteURL.plan(.value(m.planID)).path), .text("Cancelar")))),
        ]
    }
}

/// The form of an action of a finding, new or edited.
enum ActionFormView {
    struct Model: Sendable {
        var planID: UUID
        var finding: (id: UUID, numero: Int, descripcion: String)
        /// The action edited; nil for a new one.
        var editing: (id: UUID, position: Int)?
        var form: ActionForm
        var errors: [String: String] = [:]
        var dependencies: [DependencyChoice]
    }

    static func title(_ m: Model) -> String {
        m.editing.map { "Editar acción \($0.position) del hallazgo \(m.finding.numero)" } ?? "Nueva acción del hallazgo \(m.finding.numero)"
    }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let target = m.editing.map { SiteURL.editAction(.value(m.planID), .value($0.id)).path }
            ?? SiteURL.newAction(.value(m.planID), .value(m.finding.id)).path
        let text = m.finding.descripcion
        return [.h1(.text(title(m))),
                .p(.class("small"), .text("Hallazgo \(m.finding.numero): \(text.prefix(300))\(text.count > 300 ? "…" : "")")),
                FormErrors.summary(m.errors),
                .form(.method(.post), .action(target), .csrf(csrf), .group(fields(m)),
                      .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")),
                           .a(.href(SiteURL.plan(.value(m.planID)).path), .text("Cancelar"))))]
    }

    static func fields(_ m: Model) -> [Node<HTML.FormContext>] {
        let form = m.form, errors = m.errors
        return [
            .area("Acción correctiva o preventiva", name: "descripcion", value: form.descripcion, required: true, rows: 4, error: errors["descripcion"]),
            .div(.class("grid2"),
                .choice("Tipo de acción", name: "tipo", options: ActionType.allCases.map { ($0.rawValue, $0.label) }, selected: form.tipo),
                .field("Responsable", name: "responsable", value: form.responsable, hint: "Cargo o dependencia, como en el formato.", error: errors["responsable"]),
                .field("Fecha inicial", name: "fechaInicial", value: form.fechaInicial, type: .date, required: true, error: errors["fechaInicial"]),
                .field("Fecha final", name: "fechaFinal", value: form.fechaFinal, type: .date, required: true, error: errors["fechaFinal"])),
            .dependencyBoxes("Dependencias responsables", m.dependencies, chosen: form.dependencias),
            .area("Meta", name: "meta", value: form.meta, required: true, rows: 2, error: errors["meta"]),
            .div(.class("grid2"),
                .field("Cantidad de la meta", name: "metaCantidad", value: form.metaCantidad,
                       hint: "Si la deja en blanco se toma el número con que empieza la meta.", error: errors["metaCantidad"]),
                .field("Unidad de medida", name: "metaUnidad", value: form.metaUnidad)),
            .field("Indicador de acción de cumplimiento", name: "indicador", value: form.indicador, required: true,
                   hint: "Un conteo («Número de…») o una razón («… / …»).", error: errors["indicador"]),
            .area("Objetivo de la acción (planes con la CGR: columna «objetivo» del F14.1)", name: "objetivo", value: form.objetivo, rows: 2),
        ]
    }
}
