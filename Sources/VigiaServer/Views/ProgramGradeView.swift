import Plot
import Vapor
import VigiaCore

/// The OCI's seguimiento (or a responsable's monitoreo) of one period: every activity in one form.
enum ProgramGradeView {
    static func render(_ req: Request, context c: ProgramController.FormContext, values: ActivityGradeValues,
                       errors: [String: String], monitoring: Bool, status: HTTPStatus = .ok) -> Response {
        let title = (monitoring ? "Monitoreo" : "Seguimiento") + " · \(c.period.nombre.capitalized)"
        let ctx = PageContext(req, title: title, entityName: c.snapshot.entidad)
        let id = c.snapshot.id!
        let page = monitoring ? SiteURL.programMonitoring(.value(id), .value(c.period.numero))
                              : SiteURL.programFollowUp(.value(id), .value(c.period.numero))
        let target = c.component.map { page.path(with: .component($0)) } ?? page.path
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1(.text("\(title) · programa \(c.snapshot.vigencia)"))
            Node<HTML.BodyContext>.p(.class("small"), .text(monitoring
                ? "Su reporte de avance para las actividades de su dependencia. La Oficina de Control Interno lo verá junto a su seguimiento; nunca reemplaza la calificación de la OCI."
                : "Seguimiento de la OCI (se publica). Escriba el % de avance (0 a 100) o marque N/A; las evidencias, un enlace por línea. El monitoreo de los responsables se muestra como referencia."))
            Node<HTML.BodyContext>.nav(.class("actions-bar"), .ariaLabel("Componentes"),
                .span(.text("Componente:")),
                c.component == nil ? .strong("Todos") : .a(.href(page.path), .text("Todos")),
                .forEach(c.snapshot.componentes) { comp in
                    comp.numero == c.component ? .strong(.text("\(comp.numero)"))
                        : .a(.href(page.path(with: .component(comp.numero))), .text("\(comp.numero)"))
                })
            FormErrors.summary(errors)
            if c.lines.isEmpty {
                Node<HTML.BodyContext>.p(.text(monitoring ? "No hay actividades asignadas a su dependencia en este programa." : "No hay actividades."))
            } else {
                Node<HTML.BodyContext>.form(.method(.post), .action(target),
                    .csrf(ctx.csrf),
                    .div(.class("scroll"), .table(.class("grade"),
                        .caption(.text("Actividades")),
                        .thead(.tr(.th("Actividad"), .th("Fecha programada"), .th(.text(monitoring ? "Seguimiento OCI" : "Monitoreo del responsable")),
                                   .th("% de avance"), .th("N/A"), .th(.text(monitoring ? "Reporte" : "Seguimiento")), .th("Evidencias (enlaces)"))),
                        .tbody(.forEach(c.lines) { line in row(line, values, errors, period: c.period.numero, monitoring: monitoring, programID: c.snapshot.id) }))),
                    .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")),
                         .a(.href(SiteURL.program(.value(id)).path(with: .period(c.period.numero))), .text("Cancelar"))))
            }
        }
    }

    static func row(_ line: ActivityLine, _ values: ActivityGradeValues, _ errors: [String: String], period: Int,
                    monitoring: Bool, programID: UUID? = nil) -> Node<HTML.TableContext> {
        let k = line.id.uuidString
        let v = values.rows[line.id] ?? .init()
        let other = monitoring ? line.activity.followUp(period) : line.activity.monitoring(period)
        let otherText = other.map { ($0.noAplica ? "N/A · " : $0.porcentaje.map { SpanishFormat.percent($0) + " · " } ?? "") + $0.seguimiento } ?? "—"
        let percent: Node<HTML.BodyContext> = line.takesPercent
            ? .group(.input(.type(.text), .name("pct_\(k)"), .value(v.percent), .attribute(named: "size", value: "5"),
                            .attribute(named: "inputmode", value: "decimal"), .attribute(named: "aria-label", value: "\(line.place): % de avance")),
                     .unwrap(errors["pct_\(k)"]) { .div(.class("error"), .text($0)) })
            : .span(.class("small"), .text("Promedio de sus sub-ítems"))
        let na: Node<HTML.BodyContext> = line.takesPercent
            ? .input(.type(.checkbox), .name("na_\(k)"), .value("1"), .checked(v.notApplicable), .attribute(named: "aria-label", value: "\(line.place): no aplica"))
            : .empty
        let files: Node<HTML.BodyContext> = monitoring && line.takesPercent && programID != nil
            ? .div(.a(.class("small"), .href(SiteURL.monitoringEvidence(.value(programID!), .value(period), .value(line.id)).path), .text("Archivos de evidencia")))
            : .empty
        return .tr(
            .td(.strong(.text(line.place)), .div(.class("small"), .text(line.activity.actividad)), files),
            .td(.class("nowrap small"), .text(line.activity.fechaProgramada?.description ?? "")),
            .td(.class("small"), .text(otherText)),
            .td(percent),
            .td(na),
            .td(.textarea(.name("seg_\(k)"), .rows(3), .attribute(named: "aria-label", value: "\(line.place): texto"), .text(v.text))),
            .td(.textarea(.name("ev_\(k)"), .rows(3), .attribute(named: "aria-label", value: "\(line.place): evidencias"), .text(v.evidence)),
                .unwrap(errors["ev_\(k)"]) { .div(.class("error"), .text($0)) }))
    }
}
