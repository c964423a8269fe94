import Plot
import Vapor
import VigiaCore

enum FindingFormView {
    static func render(_ req: Request, plan: ImprovementPlan, finding: Finding?, form: FindingForm, errors: [String: String],
                       status: HTTPStatus = .ok) -> Response {
        let title = finding == nil ? "Nuevo hallazgo" : "Editar hallazgo \(finding!.numero)"
        let ctx = PageContext(req, title: title)
        let planID = plan.id!
        let action = finding.map { SiteURL.editFinding(.value(planID), .value($0.id!)).path } ?? SiteURL.newFinding(.value(planID)).path
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1(.text("\(title) · \(plan.unidadAuditable)"))
            FormErrors.summary(errors)
            Node<HTML.BodyContext>.form(.method(.post), .action(action),
                .csrf(ctx.csrf),
                .field("No.", name: "numero", value: form.numero, type: .number, required: true, error: errors["numero"],
                       extra: [.attribute(named: "min", value: "1")]),
                .area("Descripción del hallazgo u observación", name: "descripcion", value: form.descripcion, required: true, rows: 6, error: errors["descripcion"]),
                .area("Causa", name: "causa", value: form.causa, rows: 3),
                .area("Efecto", name: "efecto", value: form.efecto, rows: 2),
                .area("Criterio (norma)", name: "criterio", value: form.criterio, rows: 2),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")),
                     .a(.href(SiteURL.plan(.value(planID)).path), .text("Cancelar"))))
        }
    }
}

enum ActionFormView {
    static func render(_ req: Request, plan: ImprovementPlan, finding: Finding, action: Action?, form: ActionForm,
                       errors: [String: String], dependencies: [Dependency], status: HTTPStatus = .ok) -> Response {
        let title = action == nil ? "Nueva acción del hallazgo \(finding.numero)" : "Editar acción \(action!.position) del hallazgo \(finding.numero)"
        let ctx = PageContext(req, title: title)
        let planID = plan.id!
        let target = action.map { SiteURL.editAction(.value(planID), .value($0.id!)).path }
            ?? SiteURL.newAction(.value(planID), .value(finding.id!)).path
        let chosen = Set(form.dependencias ?? [])
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1(.text(title))
            Node<HTML.BodyContext>.p(.class("small"), .text("Hallazgo \(finding.numero): \(finding.descripcion.prefix(300))\(finding.descripcion.count > 300 ? "…" : "")"))
            FormErrors.summary(errors)
            Node<HTML.BodyContext>.form(.method(.post), .action(target),
                .csrf(ctx.csrf),
                .area("Acción correctiva o preventiva", name: "descripcion", value: form.descripcion, required: true, rows: 4, error: errors["descripcion"]),
                .div(.class("grid2"),
                    .choice("Tipo de acción", name: "tipo", options: ActionType.allCases.map { ($0.rawValue, $0.label) }, selected: form.tipo),
                    .field("Responsable", name: "responsable", value: form.responsable, hint: "Cargo o dependencia, como en el formato.", error: errors["responsable"]),
                    .field("Fecha inicial", name: "fechaInicial", value: form.fechaInicial, type: .date, required: true, error: errors["fechaInicial"]),
                    .field("Fecha final", name: "fechaFinal", value: form.fechaFinal, type: .date, required: true, error: errors["fechaFinal"])),
                .fieldset(.element(named: "legend", text: "Dependencias responsables"),
                    .forEach(dependencies) { d in
                        .div(.input(.type(.checkbox), .name("dependencias[]"), .id("dep-\(d.id!.uuidString)"), .value(d.id!.uuidString),
                                    .checked(chosen.contains(d.id!.uuidString))),
                             .label(.for("dep-\(d.id!.uuidString)"), .text(" " + d.name)))
                    }),
                .area("Meta", name: "meta", value: form.meta, required: true, rows: 2, error: errors["meta"]),
                .div(.class("grid2"),
                    .field("Cantidad de la meta", name: "metaCantidad", value: form.metaCantidad,
                           hint: "Si la deja en blanco se toma el número con que empieza la meta.", error: errors["metaCantidad"]),
                    .field("Unidad de medida", name: "metaUnidad", value: form.metaUnidad)),
                .field("Indicador de acción de cumplimiento", name: "indicador", value: form.indicador, required: true,
                       hint: "Un conteo («Número de…») o una razón («… / …»).", error: errors["indicador"]),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")),
                     .a(.href(SiteURL.plan(.value(planID)).path), .text("Cancelar"))))
        }
    }
}
