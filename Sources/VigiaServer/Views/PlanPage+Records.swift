import Foundation
import Plot
import VigiaCore

/// The plan page's sections under the table: checks, change log, signatures, audit trail.
extension PlanPage.View {
    static func checksSection(_ checks: [CheckResult]) -> Node<HTML.BodyContext> {
        .section(.h2(.text("Validaciones (\(checks.count))")),
            checks.isEmpty
                ? .p("El plan no presenta inconsistencias.")
                : .ul(.class("checks"), .forEach(checks) { c in
                    .li(.span(.class(c.severidad == .error ? "tag bad" : "tag warn"), .text(c.severidad == .error ? "Error" : "Advertencia")),
                        .text(" " + c.mensaje))
                }))
    }

    static func changeLog(_ m: PlanPage.Model, csrf: String) -> Node<HTML.BodyContext> {
        .section(.h2("Control de cambios"),
            .scrollBox("Control de cambios", .table(.class("list"),
                .thead(.tr(.forEach(ChangeLogSnapshot.columns) { .th(.text($0.title)) })),
                .tbody(.if(m.changeLog.isEmpty, .tr(.td(.attribute(named: "colspan", value: "4"), .text("Sin cambios registrados.")))),
                       .forEach(m.changeLog) { c in
                           .tr(.td(.text(c.revision)), .td(.text(c.descripcion)), .td(.text(c.fechaAprobacion?.dayFirst ?? "—")), .td(.text(c.version)))
                       }))),
            .if(m.canGrade, .form(.method(.post), .action(SiteURL.changeLog(.value(m.id)).path), .class("noprint"),
                .h3("Registrar un cambio"),
                .csrf(csrf),
                .div(.class("grid2"),
                    .field("No. revisión", name: "revision", value: "\(m.changeLog.count + 1)", required: true),
                    .field("Descripción de la modificación", name: "descripcion", value: "", required: true),
                    .field("Fecha de aprobación", name: "fechaAprobacion", value: "", type: .date),
                    .field("Versión actualizada", name: "version", value: "", required: true)),
                .button(.type(.submit), .text("Agregar al control de cambios")))))
    }

    static func signatures(_ m: PlanPage.Model, csrf: String) -> Node<HTML.BodyContext> {
        .section(.h2("Firmas"),
            .scrollBox("Firmas", .table(.class("list"),
                .thead(.tr(.th(""), .th("Nombre"), .th("Cargo"))),
                .tbody(.forEach(SignatureRole.allCases) { role in
                    let sig = m.signatures.first { $0.rol == role }
                    return .tr(.th(.attribute(named: "scope", value: "row"), .text(role.label)),
                               .td(.text(sig?.nombre ?? "—")), .td(.text(sig?.cargo ?? "—")))
                }))),
            .if(m.canGrade, .form(.method(.post), .action(SiteURL.signatures(.value(m.id)).path), .class("noprint"),
                .h3("Actualizar firmas"),
                .csrf(csrf),
                .forEach(SignatureRole.allCases) { role in
                    let sig = m.signatures.first { $0.rol == role }
                    return .div(.class("grid2"),
                        .field("\(role.label): nombre", name: "\(role.rawValue)_nombre", value: sig?.nombre ?? ""),
                        .field("\(role.label): cargo", name: "\(role.rawValue)_cargo", value: sig?.cargo ?? ""))
                },
                .button(.type(.submit), .text("Guardar firmas")))))
    }

    static func auditTrail(_ events: [PlanPage.Model.AuditRow], planID: UUID? = nil) -> Node<HTML.BodyContext> {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "es_CO")
        formatter.timeZone = TimeZone(identifier: "America/Bogota")
        formatter.dateFormat = "dd/MM/yyyy HH:mm:ss"
        return .section(.h2("Trazabilidad (auditoría de cambios)"),
            .unwrap(planID) { id in
                .p(.class("small"), .text("Los 200 cambios más recientes. "),
                   .a(.href(SiteURL.entityAudit.path + "?plan=" + id.uuidString), .text("Ver toda la trazabilidad del plan, filtrarla y descargarla")))
            },
            events.isEmpty ? .p("Sin eventos.") :
            .scrollBox("Trazabilidad", .table(.class("list"),
                .thead(.tr(.th("Fecha y hora"), .th("Usuario"), .th("Qué hizo"), .th("Campo"), .th("Antes"), .th("Después"))),
                .tbody(.forEach(events) { ev in
                    .tr(.td(.class("nowrap"), .text(formatter.string(from: ev.at))), .td(.text(ev.userName)), .td(.text(ev.summary)),
                        .td(.text(ev.field ?? "")), .td(.text(ev.oldValue ?? "")), .td(.text(ev.newValue ?? "")))
                }))))
    }
}
