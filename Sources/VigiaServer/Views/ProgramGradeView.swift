import Foundation
import Plot
import VigiaCore

/// The OCI's seguimiento (or a responsable's monitoreo) of one period: every activity in one form.
enum ProgramGradeView {
    struct Model: Sendable {
        var snapshot: ProgramSnapshot
        var periodNumero: Int
        var periodNombre: String
        /// The activities in the form: those of one component when `component` is set, a responsable's own when monitoring.
        var lines: [ActivityLine]
        var component: Int?
        var values: ActivityGradeValues
        var errors: [String: String] = [:]
        var monitoring: Bool
        /// Monitoreo: when the responsables may report ("Se reciben reportes del … al …"), or empty.
        var window: String = ""
        /// Monitoreo: why the whole period is closed (published, outside its window); no form then.
        var closedReason: String? = nil
        /// Monitoreo: activities the OCI already graded in the period; their report is shown, not edited.
        var graded: Set<UUID> = []
    }

    static func title(_ m: Model) -> String {
        (m.monitoring ? "Monitoreo" : "Seguimiento") + " · \(m.periodNombre.capitalized)"
    }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = m.snapshot.id ?? UUID()
        let page = m.monitoring ? SiteURL.programMonitoring(.value(id), .value(m.periodNumero))
                                : SiteURL.programFollowUp(.value(id), .value(m.periodNumero))
        return [
            .h1(.text("\(title(m)) · programa \(m.snapshot.vigencia)")),
            .p(.class("small"), .text(m.monitoring
                ? "Su reporte de avance para las actividades de su dependencia. La Oficina de Control Interno lo verá junto a su seguimiento; nunca reemplaza la calificación de la OCI."
                : "Seguimiento de la OCI (se publica). Escriba el % de avance (0 a 100) o marque N/A; las evidencias, un enlace por línea. El monitoreo de los responsables se muestra como referencia.")),
            .nav(.class("actions-bar"), .ariaLabel("Componentes"),
                .span(.text("Componente:")),
                m.component == nil ? .strong("Todos") : .a(.href(page.path), .text("Todos")),
                .forEach(m.snapshot.componentes) { comp in
                    comp.numero == m.component ? .strong(.text("\(comp.numero)"))
                        : .a(.href(page.path(with: .component(comp.numero))), .text("\(comp.numero)"))
                }),
            .if(!m.window.isEmpty && m.closedReason == nil, .p(.class("small"), .text(m.window))),
            FormErrors.summary(m.errors),
            m.lines.isEmpty
                ? .p(.text(m.monitoring ? "No hay actividades asignadas a su dependencia en este programa." : "No hay actividades."))
                : m.closedReason.map { .p(.class("flash"), .attribute(named: "role", value: "status"), .text($0)) }
                    ?? form(m, target: m.component.map { page.path(with: .component($0)) } ?? page.path, csrf: csrf),
        ]
    }

    static func form(_ m: Model, target: String, csrf: String) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(target),
            .csrf(csrf),
            .scrollBox("Actividades", .table(.class("grade"),
                .caption(.text("Actividades")),
                .thead(.tr(.th("Actividad"), .th("Fecha programada"), .th(.text(m.monitoring ? "Seguimiento OCI" : "Monitoreo del responsable")),
                           .th("% de avance"), .th("N/A"), .th(.text(m.monitoring ? "Reporte" : "Seguimiento")), .th("Evidencias (enlaces)"))),
                .tbody(.forEach(m.lines) { line in
                    m.graded.contains(line.id)
                        ? closedRow(line, m.values, period: m.periodNumero)
                        : row(line, m.values, m.errors, period: m.periodNumero, monitoring: m.monitoring, programID: m.snapshot.id)
                }))),
            .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")),
                 .a(.href(SiteURL.program(.value(m.snapshot.id ?? UUID())).path(with: .period(m.periodNumero))), .text("Cancelar"))))
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

    /// A monitoreo row the OCI already graded: the report is shown and sent back unchanged.
    static func closedRow(_ line: ActivityLine, _ values: ActivityGradeValues, period: Int) -> Node<HTML.TableContext> {
        let k = line.id.uuidString
        let v = values.rows[line.id] ?? .init()
        let grade = line.activity.followUp(period)
        let gradeText = grade.map { ($0.noAplica ? "N/A · " : $0.porcentaje.map { SpanishFormat.percent($0) + " · " } ?? "") + $0.seguimiento } ?? "—"
        return .tr(
            .td(.strong(.text(line.place)), .div(.class("small"), .text(line.activity.actividad)),
                .input(.type(.hidden), .name("pct_\(k)"), .value(v.percent)),
                .if(v.notApplicable, .input(.type(.hidden), .name("na_\(k)"), .value("1"))),
                .input(.type(.hidden), .name("seg_\(k)"), .value(v.text)),
                .input(.type(.hidden), .name("ev_\(k)"), .value(v.evidence))),
            .td(.class("nowrap small"), .text(line.activity.fechaProgramada?.description ?? "")),
            .td(.class("small"), .text(gradeText)),
            .td(.text(v.notApplicable ? "N/A" : v.percent)),
            .td(),
            .td(.class("small"), .text(v.text)),
            .td(.class("small"), .p(.text("La OCI ya calificó esta actividad: el monitoreo quedó cerrado.")), .text(v.evidence)))
    }
}
