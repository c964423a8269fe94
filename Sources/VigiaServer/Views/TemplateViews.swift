import Foundation
import Plot
import VigiaCore

/// The programs' templates (administrador), a new program from one, and a new activity.
enum TemplateViews {
    /// The latest version of a template.
    struct Template: Sendable, Equatable {
        var id: UUID
        var name: String
        var version: Int
        var componentCount: Int
        var periodicidad: String
    }

    static let listTitle = "Plantillas de programas"

    static func listContent(_ templates: [Template]) -> [Node<HTML.BodyContext>] {
        [
            .h1("Plantillas de los programas (PAAC / PTEP)"),
            .p(.text("Cada vigencia elige su plantilla. Al editar una plantilla se guarda una nueva versión; los programas ya creados conservan la suya.")),
            .scrollBox("Plantillas", .table(.class("list"),
                .thead(.tr(.th("Plantilla"), .th("Versión vigente"), .th("Componentes"), .th("Periodicidad"), .th(""))),
                .tbody(.forEach(templates) { r in
                    .tr(.td(.text(r.name)), .td(.class("num"), .text("\(r.version)")),
                        .td(.class("num"), .text("\(r.componentCount)")),
                        .td(.text(r.periodicidad)),
                        .td(.a(.href(SiteURL.editTemplate(.value(r.id)).path), .text("Editar"))))
                }))),
        ]
    }

    /// A template's form: the values as typed, kept after a refusal.
    struct EditModel: Sendable {
        var template: Template
        var titulo: String
        var periodicidad: String
        var outline: String
        var error: String?
    }

    static let editTitle = "Editar plantilla"

    static func editContent(_ m: EditModel, csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text("\(m.template.name) · versión \(m.template.version)")),
            errorNode(m.error),
            .form(.method(.post), .action(SiteURL.editTemplate(.value(m.template.id)).path),
                .csrf(csrf),
                .field("Título del informe de seguimiento", name: "titulo", value: m.titulo, required: true),
                .choice("Periodicidad del seguimiento", name: "periodicidad",
                        options: [("cuatrimestral", "Cuatrimestral (30/04, 31/08, 31/12)"), ("semestral", "Semestral (30/06, 31/12)")],
                        selected: m.periodicidad),
                .area("Estructura: «N. Componente» y, debajo, «- Subcomponente»", name: "estructura", value: m.outline, required: true, rows: 22),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar como nueva versión")),
                     .a(.href(SiteURL.templates.path), .text("Cancelar")))),
        ]
    }

    static let newProgramTitle = "Nuevo programa"

    /// `periodicidad`: the entity's publication rule, preselected.
    static func newProgramContent(templates: [Template], vigencia: String, periodicidad: String = "cuatrimestral", error: String?,
                                  csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .h1("Nuevo programa anticorrupción (PAAC / PTEP)"),
            errorNode(error),
            .form(.method(.post), .action(SiteURL.newProgram.path),
                .csrf(csrf),
                .field("Vigencia", name: "vigencia", value: vigencia, type: .number, required: true),
                .choice("Plantilla", name: "plantilla", options: templates.map { ($0.id.uuidString, "\($0.name) · versión \($0.version)") },
                        selected: templates.first?.id.uuidString),
                .choice("Periodos de seguimiento", name: "periodicidad",
                        options: [("cuatrimestral", "Cuatrimestres (cortes 30/04, 31/08, 31/12)"), ("semestral", "Semestres (cortes 30/06, 31/12)")],
                        selected: periodicidad),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Crear")), .a(.href(SiteURL.programs.path), .text("Cancelar")))),
        ]
    }

    static func errorNode(_ error: String?) -> Node<HTML.BodyContext> {
        .unwrap(error) { .p(.class("errors"), .attribute(named: "role", value: "alert"), .text($0)) }
    }

    /// A new activity of a component: the values as typed and each refusal beside its field.
    /// What the activity form writes: a new activity of a component, a new sub-item of an
    /// activity, or an existing one.
    struct ActivityTarget: Sendable {
        var programID: UUID
        var componentNumero: Int
        var componentNombre: String
        /// The activity a new sub-item goes under.
        var parent: (id: UUID, actividad: String)?
        /// The activity being edited.
        var editing: (id: UUID, isSubitem: Bool)?

        var action: String {
            if let e = editing { return SiteURL.activity(.value(programID), .value(e.id)).path }
            if let p = parent { return SiteURL.newSubitem(.value(programID), .value(p.id)).path }
            return SiteURL.newActivity(.value(programID), .value(componentNumero)).path
        }
    }

    struct ActivityModel: Sendable {
        var target: ActivityTarget
        var form: ProgramFormulationController.ActivityForm
        var errors: [String: String] = [:]
        var dependencies: [DependencyChoice]
    }

    static func activityTitle(_ t: ActivityTarget) -> String {
        if let e = t.editing { return e.isSubitem ? "Editar subactividad" : "Editar actividad" }
        return t.parent == nil ? "Nueva actividad" : "Nueva subactividad"
    }

    static func activityContent(_ m: ActivityModel, csrf: String) -> [Node<HTML.BodyContext>] {
        let form = m.form, errors = m.errors, t = m.target
        return [.h1(.text("\(activityTitle(t)) · componente \(t.componentNumero): \(t.componentNombre)")),
            .unwrap(t.parent) { .p(.text("Dentro de la actividad: \(String($0.actividad.prefix(300)))")) },
            FormErrors.summary(errors),
            .form(.method(.post), .action(t.action),
                .csrf(csrf),
                .field("Subcomponente", name: "subcomponente", value: form.subcomponente),
                .area("Actividad", name: "actividad", value: form.actividad, required: true, error: errors["actividad"]),
                .area("Meta o producto", name: "meta", value: form.meta, required: true, rows: 2, error: errors["meta"]),
                .field("Responsables", name: "responsables", value: form.responsables, error: errors["responsables"]),
                .dependencyBoxes("Dependencias responsables (sus usuarios reportan el monitoreo)", m.dependencies, chosen: form.dependencias),
                .field("Fecha programada", name: "fechaProgramada", value: form.fechaProgramada, required: true,
                       hint: "dd/mm/aaaa o «Permanente»", error: errors["fechaProgramada"]),
                .div(.class("actions-bar"), .button(.type(.submit), .text(t.editing == nil ? "Agregar" : "Guardar")),
                     .a(.href(SiteURL.program(.value(t.programID)).path), .text("Cancelar")))),
            .unwrap(t.editing) { e in
                .form(.method(.post), .action(SiteURL.removeActivity(.value(t.programID), .value(e.id)).path), .class("actions-bar"), .csrf(csrf),
                      .p(.class("small"), .text("Solo se elimina una actividad sin seguimiento ni monitoreo registrados" + (e.isSubitem ? "." : "; sus subactividades se eliminan con ella."))),
                      .button(.type(.submit), .class("danger"), .text(e.isSubitem ? "Eliminar la subactividad" : "Eliminar la actividad")))
            },
        ]
    }
}
