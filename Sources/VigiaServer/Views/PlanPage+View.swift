import Plot
import VigiaCore

extension PlanPage {
    enum View {
        static func title(_ m: Model) -> String { m.unidadAuditable.isEmpty ? "Plan de mejoramiento" : m.unidadAuditable }

        static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
            [
                .h1(.text("Plan de mejoramiento · \(m.displayName)")),
                formatBlock(m.format),
                header(m),
                actions(m),
                roundPicker(m),
                .if(m.canGrade && m.round != nil, .div(.class("actions-bar"),
                    PublicationViews.controls(published: m.roundPublished,
                                              publish: SiteURL.publishRound(.value(m.id), .value(m.round ?? 0)).path,
                                              correct: SiteURL.correctRound(.value(m.id), .value(m.round ?? 0)).path,
                                              what: "Seguimiento \(m.round ?? 0)", csrf: csrf))),
                table(m),
                closing(m),
                PublicationViews.list(m.publications),
                checksSection(m.checks),
                changeLog(m, csrf: csrf),
                signatures(m, csrf: csrf),
                auditTrail(m.events, planID: m.id),
            ]
        }

        static func header(_ m: Model) -> Node<HTML.BodyContext> {
            .dl(.class("meta"),
                .dt("Unidad auditable"), .dd(.text(m.unidadAuditable.isEmpty ? "—" : m.unidadAuditable)),
                .dt("No. de la auditoría"), .dd(.text(m.numeroAuditoria.isEmpty ? "—" : m.numeroAuditoria)),
                .dt("Periodo de la auditoría"), .dd(.text(m.periodoAuditoria.isEmpty ? "—" : m.periodoAuditoria)),
                .dt("Fecha de suscripción"), .dd(.text(m.fechaSuscripcion?.dayFirst ?? "—")),
                .dt("Origen"), .dd(.text(m.origin.label)),
                .dt("Estado del plan"), .dd(.text(m.status.label)),
                .dt("% del plan"), .dd(.ratingZone(m.evaluation.plan.porcentaje), .text(" "),
                    .span(.class("small"), .text(methodNote(m.evaluation)))))
        }

        static func methodNote(_ e: RoundEvaluation) -> String {
            let base = e.numero.map { "Seguimiento \($0)" + (e.fechaCorte.map { ", corte \($0.dayFirst)" } ?? "") } ?? "Sin seguimientos registrados"
            return "\(base). \(e.plan.metodo.label); promedio de los hallazgos con acciones calificadas (\(e.plan.calificadas) de \(e.plan.total))."
        }

        static func actions(_ m: Model) -> Node<HTML.BodyContext> {
            let id = m.id
            let query = m.round.map { [SiteQuery.round($0)] } ?? []
            return .div(.class("actions-bar"),
                .if(m.canFormulate, .a(.class("button secondary"), .href(SiteURL.editPlan(.value(id)).path), .text("Editar datos del plan"))),
                .if(m.canFormulate, .a(.class("button secondary"), .href(SiteURL.newFinding(.value(id)).path), .text("Agregar hallazgo"))),
                .if(m.canGrade, .a(.class("button"), .href(SiteURL.newRound(.value(id)).path), .text("Registrar seguimiento"))),
                .if(m.canGradeRound, .a(.class("button"), .href(SiteURL.round(.value(id), .value(m.round ?? 0)).path),
                                        .text("Calificar el seguimiento \(m.round ?? 0)"))),
                .unwrap(m.openRound) { open in
                    .a(.class("button" + (m.isResponsable ? "" : " secondary")),
                       .href(SiteURL.progressReports(.value(id), .value(open)).path),
                       .text(m.isResponsable ? "Reportar avance (seguimiento \(open))" : "Autoreportes del seguimiento \(open)"))
                },
                .a(.class("button secondary"), .href(SiteQuery.append(query, to: SiteURL.planDocument(.value(id), .value("xlsx")).path)), .text("Descargar Excel")),
                .a(.class("button secondary"), .href(SiteQuery.append(query, to: SiteURL.planDocument(.value(id), .value("pdf")).path)), .text("Descargar PDF")),
                .a(.href(SiteQuery.append(query, to: SiteURL.planDocument(.value(id), .value("html")).path)), .text("Ver para imprimir")),
                .a(.href(SiteQuery.append(query, to: ApiURL.plan(.value(id)).path)), .text("JSON")),
                .a(.href(SiteURL.planCommitteeReport(.value(id), .value("pdf")).path), .text("Informe para el comité (PDF)")),
                .if(!m.f14Cuts.isEmpty, .form(.method(.get), .action(SiteURL.planF14(.value(id)).path), .class("inline"),
                    .label(.for("corte"), .text("F14.1 (SIRECI) con corte ")),
                    .select(.attribute(named: "name", value: "corte"), .attribute(named: "id", value: "corte"),
                            .forEach(m.f14Cuts) { .opt($0.dayFirst, $0.dayFirst, selected: false) }),
                    .text(" "), .button(.type(.submit), .class("secondary"), .text("Descargar F14.1")))))
        }

        static func formatBlock(_ f: FormatHeader) -> Node<HTML.BodyContext> {
            .scrollBox("Encabezado del formato", .table(.class("format"),
                .caption(.class("small"), .text("Encabezado del formato")),
                .tr(.th(.attribute(named: "rowspan", value: "3"), .attribute(named: "scope", value: "row"), .text(f.entidad)),
                    .td(.attribute(named: "colspan", value: "4"), .text("PROCESO \(f.proceso)"))),
                .tr(.td(.attribute(named: "colspan", value: "4"), .strong(.text(f.nombreFormato)))),
                .tr(.td(.text("FECHA \(f.fecha)")), .td(.text("VERSIÓN \(f.version)")),
                    .td(.text("CÓDIGO \(f.codigo)")), .td(.text("CONSECUTIVO \(f.consecutivo)")))))
        }

        static func roundPicker(_ m: Model) -> Node<HTML.BodyContext> {
            guard !m.rounds.isEmpty else { return .empty }
            return .nav(.ariaLabel("Seguimientos"), .class("actions-bar"),
                .span(.text("Ver seguimiento:")),
                .forEach(m.rounds) { n in
                    n == m.round
                        ? .strong(.attribute(named: "aria-current", value: "page"), .text("No. \(n)"))
                        : .a(.href(SiteURL.plan(.value(m.id)).path(with: .round(n))), .text("No. \(n)"))
                })
        }

        static func html(_ model: Model, context: PageContext) -> String {
            Layout.html(context) { content(model, csrf: context.csrf) }
        }
    }
}
