import Foundation
import Plot
import VigiaCore

/// The plan's header, new or edited: the values as typed and each refusal beside its field.
enum PlanFormView {
    struct Model: Sendable {
        /// The plan edited; nil for a new one.
        var planID: UUID?
        var form: PlanForm
        var errors: [String: String] = [:]
        var dependencies: [DependencyChoice]
    }

    static func title(_ m: Model) -> String {
        m.planID == nil ? "Nuevo plan de mejoramiento" : "Editar datos del plan"
    }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let action = m.planID.map { SiteURL.editPlan(.value($0)).path } ?? SiteURL.newPlan.path
        let form = m.form, errors = m.errors
        return [.h1(.text(title(m))),
            FormErrors.summary(errors),
            .form(.method(.post), .action(action),
                .csrf(csrf),
                .div(.class("grid2"),
                    .choice("Dependencia auditada", name: "dependencia",
                            options: [("", "— Ninguna —")] + m.dependencies.map { ($0.id.uuidString, $0.name) },
                            selected: form.dependencia),
                    .field("Unidad auditable", name: "unidadAuditable", value: form.unidadAuditable,
                           hint: "Si la deja en blanco se usa el nombre de la dependencia.", error: errors["unidadAuditable"]),
                    .field("No. de la auditoría", name: "numeroAuditoria", value: form.numeroAuditoria),
                    .field("Periodo de la auditoría", name: "periodoAuditoria", value: form.periodoAuditoria,
                           hint: "El periodo auditado (no el de ejecución del plan)."),
                    .field("Fecha de suscripción", name: "fechaSuscripcion", value: form.fechaSuscripcion, type: .date,
                           error: errors["fechaSuscripcion"]),
                    .choice("Origen", name: "origen", options: PlanOrigin.allCases.map { ($0.rawValue, $0.label) }, selected: form.origen),
                    .choice("Estado", name: "estado", options: PlanStatus.allCases.map { ($0.rawValue, $0.label) }, selected: form.estado),
                    .choice("Cálculo del % de hallazgo", name: "metodo",
                            options: AggregationMethod.allCases.map { ($0.rawValue, $0.label) }, selected: form.metodo)
                ),
                .div(.class("actions-bar"),
                    .button(.type(.submit), .text("Guardar")),
                    .a(.href(m.planID.map { SiteURL.plan(.value($0)).path } ?? SiteURL.plans.path), .text("Cancelar")))
            ),
        ]
    }
}

enum FormErrors {
    /// The list of problems at the top of a form, announced to screen readers.
    static func summary(_ errors: [String: String]) -> Node<HTML.BodyContext> {
        guard !errors.isEmpty else { return .empty }
        return .div(.class("errors"), .attribute(named: "role", value: "alert"),
                    .p(.strong("Revise los datos:")),
                    .ul(.forEach(errors.values.sorted()) { .li(.text($0)) }))
    }
}

/// The import of a plan from the B-I-007 layout: the text pasted (kept after a refusal) and why it was refused.
enum PlanImportView {
    static let title = "Importar plan"

    static func content(text: String, error: String?, csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .h1("Importar un plan de mejoramiento (formato B-I-007)"),
            .p(.text("Elija el libro de Excel (.xlsx) del formato «Formulación y seguimiento a planes de mejoramiento», o un archivo de texto guardado desde Excel, o copie la hoja completa (desde el encabezado hasta las firmas) y péguela abajo. Las fechas se leen día primero (4/01/2025 es el 4 de enero). Si algo no se entiende, nada se guarda y se indica la hoja, la fila o línea y la columna.")),
            .unwrap(error) { .p(.class("errors"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action(SiteURL.importPlan.path), .enctype(.multipartData),
                .csrf(csrf),
                ImportFileFields.fields,
                .area("O pegue aquí el contenido", name: "texto", value: text, rows: 14),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Importar")), .a(.href(SiteURL.plans.path), .text("Cancelar")))
            ),
        ]
    }
}
