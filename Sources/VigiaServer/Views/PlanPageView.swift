import Foundation
import Plot
import Vapor
import VigiaCore

/// The plan laid out as the B-I-007 table, with the follow-up chosen, the checks,
/// the change log, the signatures and the audit trail.
enum PlanPageView {
    static func render(_ req: Request, plan: ImprovementPlan, snapshot s: PlanSnapshot, evaluation e: RoundEvaluation,
                       checks: [CheckResult], events: [AuditEvent], user: CurrentUser, publications: [Publication]) -> Response {
        let ctx = PageContext(req, title: s.unidadAuditable.isEmpty ? "Plan de mejoramiento" : s.unidadAuditable,
                              entityName: s.formato.entidad)
        let id = s.id!
        let canFormulate = user.role.formulatesPlans && s.estado != .cerrado
            && (user.role != .responsable || s.estado == .formulacion)
        let canGrade = user.role.gradesFollowUps
        let round = e.numero.flatMap { n in s.seguimientos.first { $0.numero == n } }
        let query = e.numero.map { "?seguimiento=\($0)" } ?? ""
        return Layout.render(ctx) {
            Node<HTML.BodyContext>.h1(.text("Plan de mejoramiento · \(s.unidadAuditable.isEmpty ? "(sin unidad auditable)" : s.unidadAuditable)"))
            formatBlock(s)
            Node<HTML.BodyContext>.dl(.class("meta"),
                .dt("Unidad auditable"), .dd(.text(s.unidadAuditable.isEmpty ? "—" : s.unidadAuditable)),
                .dt("No. de la auditoría"), .dd(.text(s.numeroAuditoria.isEmpty ? "—" : s.numeroAuditoria)),
                .dt("Periodo de la auditoría"), .dd(.text(s.periodoAuditoria.isEmpty ? "—" : s.periodoAuditoria)),
                .dt("Fecha de suscripción"), .dd(.text(s.fechaSuscripcion?.dayFirst ?? "—")),
                .dt("Origen"), .dd(.text(s.origen.label)),
                .dt("Estado del plan"), .dd(.text(s.estado.label)),
                .dt("% del plan"), .dd(.light(e.plan.porcentaje), .text(" "),
                    .span(.class("small"), .text(methodNote(e)))))
            Node<HTML.BodyContext>.div(.class("actions-bar"),
                .if(canFormulate, .a(.class("button secondary"), .href(SiteURL.editPlan(.value(id)).path), .text("Editar datos del plan"))),
                .if(canFormulate, .a(.class("button secondary"), .href(SiteURL.newFinding(.value(id)).path), .text("Agregar hallazgo"))),
                .if(canGrade, .a(.class("button"), .href(SiteURL.newRound(.value(id)).path), .text("Registrar seguimiento"))),
                .if(canGrade && round != nil && round?.estado != .publicado, .a(.class("button"), .href(SiteURL.round(.value(id), .value(round?.numero ?? 0)).path),
                                                 .text("Calificar el seguimiento \(round?.numero ?? 0)"))),
                .unwrap(s.seguimientos.last(where: { $0.estado == .borrador })) { open in
                    .a(.class("button" + (user.role == .responsable ? "" : " secondary")),
                       .href(SiteURL.selfReports(.value(id), .value(open.numero)).path),
                       .text(user.role == .responsable ? "Reportar avance (seguimiento \(open.numero))" : "Autoreportes del seguimiento \(open.numero)"))
                },
                .a(.class("button secondary"), .href(SiteURL.planDocument(.value(id), .value("xlsx")).path + query), .text("Descargar Excel")),
                .a(.class("button secondary"), .href(SiteURL.planDocument(.value(id), .value("pdf")).path + query), .text("Descargar PDF")),
                .a(.href(SiteURL.planDocument(.value(id), .value("html")).path + query), .text("Ver para imprimir")),
                .a(.href(ApiURL.plan(.value(id)).path + query), .text("JSON")))
            roundPicker(s, e)
            if canGrade, let round {
                Node<HTML.BodyContext>.div(.class("actions-bar"),
                    PublicationViews.controls(published: round.estado == .publicado,
                                              publish: SiteURL.publishRound(.value(id), .value(round.numero)).path,
                                              correct: SiteURL.correctRound(.value(id), .value(round.numero)).path,
                                              what: "Seguimiento \(round.numero)", csrf: ctx.csrf))
            }
            table(s, e, round: round, canFormulate: canFormulate)
            PublicationViews.list(publications)
            checksSection(checks)
            changeLog(s, id: id, canEdit: canGrade, csrf: ctx.csrf)
            signatures(s, id: id, canEdit: canGrade, csrf: ctx.csrf)
            auditTrail(events)
        }
    }

    static func methodNote(_ e: RoundEvaluation) -> String {
        let base = e.numero.map { "Seguimiento \($0)" + (e.fechaCorte.map { ", corte \($0.dayFirst)" } ?? "") } ?? "Sin seguimientos registrados"
        return "\(base). \(e.plan.metodo.label); promedio de los hallazgos con acciones calificadas (\(e.plan.calificadas) de \(e.plan.total))."
    }

    static func formatBlock(_ s: PlanSnapshot) -> Node<HTML.BodyContext> {
        .table(.class("format"),
            .caption(.class("small"), .text("Encabezado del formato")),
            .tr(.th(.attribute(named: "rowspan", value: "3"), .attribute(named: "scope", value: "row"), .text(s.formato.entidad)),
                .td(.attribute(named: "colspan", value: "4"), .text("PROCESO \(s.formato.proceso)"))),
            .tr(.td(.attribute(named: "colspan", value: "4"), .strong(.text(s.formato.nombreFormato)))),
            .tr(.td(.text("FECHA \(s.formato.fecha)")), .td(.text("VERSIÓN \(s.formato.version)")),
                .td(.text("CÓDIGO \(s.formato.codigo)")), .td(.text("CONSECUTIVO \(s.formato.consecutivo)"))))
    }

    static func roundPicker(_ s: PlanSnapshot, _ e: RoundEvaluation) -> Node<HTML.BodyContext> {
        guard !s.seguimientos.isEmpty else { return .empty }
        return .nav(.ariaLabel("Seguimientos"), .class("actions-bar"),
            .span(.text("Ver seguimiento:")),
            .forEach(s.seguimientos) { r in
                r.numero == e.numero
                    ? .strong(.attribute(named: "aria-current", value: "page"), .text("No. \(r.numero)"))
                    : .a(.href(SiteURL.plan(.value(s.id!)).path + "?seguimiento=\(r.numero)"), .text("No. \(r.numero)"))
            })
    }

    static func table(_ s: PlanSnapshot, _ e: RoundEvaluation, round: RoundSnapshot?, canFormulate: Bool) -> Node<HTML.BodyContext> {
        let ociTitle = "SEGUIMIENTO" + (e.numero.map { " No. \($0)" } ?? "") + " (para diligenciamiento exclusivo de la OCI)"
        return .div(.class("scroll"), .table(.class("b007"),
            .caption(.text("Formulación y seguimiento del plan" + (e.fechaCorte.map { " · fecha de corte \($0.dayFirst)" } ?? ""))),
            .thead(
                .tr(.th(.class("group-plan"), .attribute(named: "colspan", value: "9"), .attribute(named: "scope", value: "colgroup"), .text("PLAN DE MEJORAMIENTO")),
                    .th(.class("group-oci"), .attribute(named: "colspan", value: "6"), .attribute(named: "scope", value: "colgroup"), .text(ociTitle))),
                .tr(.forEach(["No.", "DESCRIPCIÓN DEL HALLAZGO U OBSERVACIÓN", "CAUSA", "ACCIONES CORRECTIVAS O PREVENTIVAS",
                              "RESPONSABLE", "FECHA INICIAL", "FECHA FINAL", "META", "INDICADOR DE ACCIÓN DE CUMPLIMIENTO",
                              "% DE AVANCE", "EVIDENCIAS", "OBSERVACIONES", "ESTADO DE LA ACCIÓN", "% DE HALLAZGO", "ESTADO DE HALLAZGO"]) {
                    .th(.attribute(named: "scope", value: "col"), .text($0))
                })),
            .tbody(
                .forEach(Array(s.hallazgos.enumerated())) { fi, f in
                    findingRows(s, f, e.hallazgos[fi], round: round, canFormulate: canFormulate)
                },
                .tr(.class("total"),
                    .td(.attribute(named: "colspan", value: "13"), .text("% DEL PLAN (\(e.plan.metodo.label.lowercased()))")),
                    .td(.class("num"), .text(SpanishFormat.percent(e.plan.porcentaje))),
                    .td(.light(e.plan.porcentaje)))
            )))
    }

    static func findingRows(_ s: PlanSnapshot, _ f: FindingSnapshot, _ fe: FindingEvaluation, round: RoundSnapshot?,
                            canFormulate: Bool) -> Node<HTML.TableContext> {
        let span = max(1, f.acciones.count)
        let rowspan = Node<HTML.BodyContext>.attribute(named: "rowspan", value: "\(span)")
        let findingCells: Node<HTML.TableRowContext> = .group(
            .td(rowspan, .class("num"), .strong(.text("\(f.numero)")),
                .if(canFormulate, .div(.class("noprint"), .a(.class("small"), .href(SiteURL.editFinding(.value(s.id!), .value(f.id!)).path), .text("Editar")))),
                .if(canFormulate, .div(.class("noprint"), .a(.class("small"), .href(SiteURL.newAction(.value(s.id!), .value(f.id!)).path), .text("+ Acción"))))),
            .td(rowspan, .class("long"), .text(f.descripcion),
                .if(!f.efecto.isEmpty, .p(.class("small"), .strong("Efecto: "), .text(f.efecto))),
                .if(!f.criterio.isEmpty, .p(.class("small"), .strong("Criterio: "), .text(f.criterio)))),
            .td(rowspan, .class("long"), .text(f.causa)))
        let findingTail: Node<HTML.TableRowContext> = .group(
            .td(rowspan, .class("num"), .text(SpanishFormat.percent(fe.avance.porcentaje)),
                .div(.class("small"), .text("\(fe.avance.calificadas) de \(fe.avance.total) calificadas"))),
            .td(rowspan, .strong(.text(fe.estado.label)),
                .unwrap(fe.justificacion) { .div(.class("small"), .text("Ajustado por la OCI: \($0)")) }))
        guard !f.acciones.isEmpty else {
            return .tr(findingCells, .td(.attribute(named: "colspan", value: "10"), .em("Sin acciones formuladas")), findingTail)
        }
        return .forEach(Array(f.acciones.enumerated())) { ai, a in
            actionRow(s, a, fe.acciones[ai], round: round, canFormulate: canFormulate,
                      lead: ai == 0 ? findingCells : .empty, tail: ai == 0 ? findingTail : .empty)
        }
    }

    static func actionRow(_ s: PlanSnapshot, _ a: ActionSnapshot, _ ae: ActionEvaluation, round: RoundSnapshot?, canFormulate: Bool,
                          lead: Node<HTML.TableRowContext>, tail: Node<HTML.TableRowContext>) -> Node<HTML.TableContext> {
            let grade = round?.assessment(for: ae.ref)
            let editLink: Node<HTML.BodyContext> = canFormulate
                ? .div(.class("noprint"), .a(.class("small"), .href(SiteURL.editAction(.value(s.id!), .value(a.id!)).path), .text("Editar acción")))
                : .empty
            let deps: Node<HTML.BodyContext> = a.dependencias.isEmpty ? .empty : .div(.class("small"), .text(a.dependencias.joined(separator: ", ")))
            let weeks: Node<HTML.BodyContext> = ae.plazoSemanas.map { .div(.class("small"), .text("\(SpanishFormat.number($0)) semanas")) } ?? .empty
            let expected: Node<HTML.BodyContext> = ae.avanceEsperado.map { .div(.class("small"), .text("esperado \(SpanishFormat.percent($0))")) } ?? .empty
            let behind: Node<HTML.BodyContext> = ae.atrasada ? .div(.span(.class("tag warn"), .text("Atrasada"))) : .empty
            let override: Node<HTML.BodyContext> = ae.justificacion.map {
                .div(.class("small"), .text("Ajustado por la OCI (sugerido: \(ae.estadoSugerido?.label ?? "—")): \($0)"))
            } ?? .empty
            return .tr(
                lead,
                .td(.class("long"), .text(a.descripcion), editLink),
                .td(.text(a.responsable), deps),
                .td(.class("nowrap"), .text(a.fechaInicial?.dayFirst ?? "—")),
                .td(.class("nowrap"), .text(a.fechaFinal?.dayFirst ?? "—"), weeks),
                .td(.text(a.meta)),
                .td(.text(a.indicador)),
                .td(.class("oci num"), .text(SpanishFormat.percent(ae.porcentaje)), expected, behind),
                .td(.class("oci"), .text(grade?.evidencias ?? "")),
                .td(.class("oci"), .text(grade?.observaciones ?? "")),
                .td(.class("oci"), .strong(.text(ae.estado?.label ?? "—")), override),
                tail
            )
    }

    static func checksSection(_ checks: [CheckResult]) -> Node<HTML.BodyContext> {
        .section(.h2(.text("Validaciones (\(checks.count))")),
            checks.isEmpty
                ? .p("El plan no presenta inconsistencias.")
                : .ul(.class("checks"), .forEach(checks) { c in
                    .li(.span(.class(c.severidad == .error ? "tag bad" : "tag warn"), .text(c.severidad == .error ? "Error" : "Advertencia")),
                        .text(" " + c.mensaje))
                }))
    }

    static func changeLog(_ s: PlanSnapshot, id: UUID, canEdit: Bool, csrf: String) -> Node<HTML.BodyContext> {
        .section(.h2("Control de cambios"),
            .table(.class("list"),
                .thead(.tr(.th("No. revisión"), .th("Descripción de la modificación"), .th("Fecha de aprobación"), .th("Versión actualizada"))),
                .tbody(.if(s.controlDeCambios.isEmpty, .tr(.td(.attribute(named: "colspan", value: "4"), .text("Sin cambios registrados.")))),
                       .forEach(s.controlDeCambios) { c in
                           .tr(.td(.text(c.revision)), .td(.text(c.descripcion)), .td(.text(c.fechaAprobacion?.dayFirst ?? "—")), .td(.text(c.version)))
                       })),
            .if(canEdit, .form(.method(.post), .action(SiteURL.changeLog(.value(id)).path), .class("noprint"),
                .h3("Registrar un cambio"),
                .csrf(csrf),
                .div(.class("grid2"),
                    .field("No. revisión", name: "revision", value: "\(s.controlDeCambios.count + 1)", required: true),
                    .field("Descripción de la modificación", name: "descripcion", value: "", required: true),
                    .field("Fecha de aprobación", name: "fechaAprobacion", value: "", type: .date),
                    .field("Versión actualizada", name: "version", value: "", required: true)),
                .button(.type(.submit), .text("Agregar al control de cambios")))))
    }

    static func signatures(_ s: PlanSnapshot, id: UUID, canEdit: Bool, csrf: String) -> Node<HTML.BodyContext> {
        .section(.h2("Firmas"),
            .table(.class("list"),
                .thead(.tr(.th(""), .th("Nombre"), .th("Cargo"))),
                .tbody(.forEach(SignatureRole.allCases) { role in
                    let sig = s.firmas.first { $0.rol == role }
                    return .tr(.th(.attribute(named: "scope", value: "row"), .text(role.label)),
                               .td(.text(sig?.nombre ?? "—")), .td(.text(sig?.cargo ?? "—")))
                })),
            .if(canEdit, .form(.method(.post), .action(SiteURL.signatures(.value(id)).path), .class("noprint"),
                .h3("Actualizar firmas"),
                .csrf(csrf),
                .forEach(SignatureRole.allCases) { role in
                    let sig = s.firmas.first { $0.rol == role }
                    return .div(.class("grid2"),
                        .field("\(role.label): nombre", name: "\(role.rawValue)_nombre", value: sig?.nombre ?? ""),
                        .field("\(role.label): cargo", name: "\(role.rawValue)_cargo", value: sig?.cargo ?? ""))
                },
                .button(.type(.submit), .text("Guardar firmas")))))
    }

    static func auditTrail(_ events: [AuditEvent]) -> Node<HTML.BodyContext> {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "es_CO")
        formatter.timeZone = TimeZone(identifier: "America/Bogota")
        formatter.dateFormat = "dd/MM/yyyy HH:mm:ss"
        return .section(.h2("Trazabilidad (auditoría de cambios)"),
            events.isEmpty ? .p("Sin eventos.") :
            .div(.class("scroll"), .table(.class("list"),
                .thead(.tr(.th("Fecha y hora"), .th("Usuario"), .th("Qué hizo"), .th("Campo"), .th("Antes"), .th("Después"))),
                .tbody(.forEach(events) { ev in
                    .tr(.td(.class("nowrap"), .text(formatter.string(from: ev.at))), .td(.text(ev.userName)), .td(.text(ev.summary)),
                        .td(.text(ev.field ?? "")), .td(.text(ev.oldValue ?? "")), .td(.text(ev.newValue ?? "")))
                }))))
    }
}
