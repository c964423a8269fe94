import Plot
import Vapor
import VigiaCore

enum TemplateViews {
    static func list(_ req: Request, templates: [ProgramTemplateRecord]) -> Response {
        let ctx = PageContext(req, title: "Plantillas de programas")
        return Layout.render(ctx) {
            Node<HTML.BodyContext>.h1("Plantillas de los programas (PAAC / PTEP)")
            Node<HTML.BodyContext>.p(.text("Cada vigencia elige su plantilla. Al editar una plantilla se guarda una nueva versión; los programas ya creados conservan la suya."))
            Node<HTML.BodyContext>.table(.class("list"),
                .thead(.tr(.th("Plantilla"), .th("Versión vigente"), .th("Componentes"), .th("Periodicidad"), .th(""))),
                .tbody(.forEach(templates) { r in
                    .tr(.td(.text(r.name)), .td(.class("num"), .text("\(r.version)")),
                        .td(.class("num"), .text("\(r.template?.componentes.count ?? 0)")),
                        .td(.text(r.template?.periodicidad ?? "")),
                        .td(.a(.href(SiteURL.editTemplate(.value(r.id!)).path), .text("Editar"))))
                }))
        }
    }

    static func edit(_ req: Request, record: ProgramTemplateRecord, titulo: String, periodicidad: String, outline: String,
                     error: String?, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: "Editar plantilla")
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1(.text("\(record.name) · versión \(record.version)"))
            if let error { Node<HTML.BodyContext>.p(.class("errors"), .attribute(named: "role", value: "alert"), .text(error)) }
            Node<HTML.BodyContext>.form(.method(.post), .action(SiteURL.editTemplate(.value(record.id!)).path),
                .csrf(ctx.csrf),
                .field("Título del informe de seguimiento", name: "titulo", value: titulo, required: true),
                .choice("Periodicidad del seguimiento", name: "periodicidad",
                        options: [("cuatrimestral", "Cuatrimestral (30/04, 31/08, 31/12)"), ("semestral", "Semestral (30/06, 31/12)")],
                        selected: periodicidad),
                .area("Estructura: «N. Componente» y, debajo, «- Subcomponente»", name: "estructura", value: outline, required: true, rows: 22),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar como nueva versión")),
                     .a(.href(SiteURL.templates.path), .text("Cancelar"))))
        }
    }

    static func newProgram(_ req: Request, templates: [ProgramTemplateRecord], vigencia: String, error: String?,
                           status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: "Nuevo programa")
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1("Nuevo programa anticorrupción (PAAC / PTEP)")
            if let error { Node<HTML.BodyContext>.p(.class("errors"), .attribute(named: "role", value: "alert"), .text(error)) }
            Node<HTML.BodyContext>.form(.method(.post), .action(SiteURL.newProgram.path),
                .csrf(ctx.csrf),
                .field("Vigencia", name: "vigencia", value: vigencia, type: .number, required: true),
                .choice("Plantilla", name: "plantilla", options: templates.map { ($0.id!.uuidString, "\($0.name) · versión \($0.version)") },
                        selected: templates.first?.id?.uuidString),
                .choice("Periodos de seguimiento", name: "periodicidad",
                        options: [("cuatrimestral", "Cuatrimestres (cortes 30/04, 31/08, 31/12)"), ("semestral", "Semestres (cortes 30/06, 31/12)")],
                        selected: "cuatrimestral"),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Crear")), .a(.href(SiteURL.programs.path), .text("Cancelar"))))
        }
    }

    static func newActivity(_ req: Request, program: AnticorruptionProgram, component: ProgramComponent,
                            form: ProgramFormulationController.ActivityForm, errors: [String: String], dependencies: [Dependency],
                            status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: "Nueva actividad")
        let chosen = Set(form.dependencias ?? [])
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1(.text("Nueva actividad · componente \(component.numero): \(component.nombre)"))
            FormErrors.summary(errors)
            Node<HTML.BodyContext>.form(.method(.post), .action(SiteURL.newActivity(.value(program.id!), .value(component.numero)).path),
                .csrf(ctx.csrf),
                .field("Subcomponente", name: "subcomponente", value: form.subcomponente),
                .area("Actividad", name: "actividad", value: form.actividad, required: true, error: errors["actividad"]),
                .area("Meta o producto", name: "meta", value: form.meta, required: true, rows: 2, error: errors["meta"]),
                .field("Responsables", name: "responsables", value: form.responsables, error: errors["responsables"]),
                .fieldset(.element(named: "legend", text: "Dependencias responsables (sus usuarios reportan el monitoreo)"),
                    .forEach(dependencies) { d in
                        .div(.input(.type(.checkbox), .name("dependencias[]"), .id("dep-\(d.id!.uuidString)"), .value(d.id!.uuidString),
                                    .checked(chosen.contains(d.id!.uuidString))),
                             .label(.for("dep-\(d.id!.uuidString)"), .text(" " + d.name)))
                    }),
                .field("Fecha programada", name: "fechaProgramada", value: form.fechaProgramada, required: true,
                       hint: "dd/mm/aaaa o «Permanente»", error: errors["fechaProgramada"]),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Agregar")),
                     .a(.href(SiteURL.program(.value(program.id!)).path), .text("Cancelar"))))
        }
    }
}
