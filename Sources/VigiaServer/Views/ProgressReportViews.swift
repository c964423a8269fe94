import Plot
import Vapor
import VigiaCore

enum ProgressReportViews {
    static func list(_ req: Request, snapshot s: PlanSnapshot, round: FollowUpRound, reports: [ProgressReport], user: CurrentUser) -> Response {
        let ctx = PageContext(req, title: "Autoreportes", entityName: s.formato.entidad)
        let id = s.id!
        let window = windowText(round)
        return Layout.render(ctx) {
            Node<HTML.BodyContext>.h1(.text("Autoreportes · seguimiento \(round.numero) · \(s.unidadAuditable)"))
            Node<HTML.BodyContext>.p(.text("Reporte el avance de cada acción y adjunte sus evidencias antes del corte (\(round.fechaCorte?.dayFirst ?? "sin fecha")). \(window) La OCI califica con su propio %; su reporte queda a la vista y no se sobrescribe."))
            Node<HTML.BodyContext>.table(.class("list"),
                .thead(.tr(.th("Acción"), .th("Fechas"), .th("Reporte"), .th(""))),
                .tbody(.forEach(Array(s.hallazgos.enumerated())) { fi, f in
                    .group(.forEach(Array(f.acciones.enumerated())) { ai, a in
                        let report = reports.first { $0.$action.id == a.id }
                        return .tr(
                            .td(.strong(.text("Hallazgo \(f.numero), acción \(ai + 1)")), .div(.class("small"), .text(String(a.descripcion.prefix(140))))),
                            .td(.class("nowrap small"), .text("\(a.fechaInicial?.dayFirst ?? "—") a \(a.fechaFinal?.dayFirst ?? "—")")),
                            .td(.text(report.map { r in (r.porcentaje.map { SpanishFormat.percent($0) } ?? "sin %") + " · " + String(r.descripcion.prefix(80)) } ?? "Sin reporte")),
                            .td(.a(.href(SiteURL.progressReport(.value(id), .value(round.numero), .value(a.id!)).path),
                                   .text(user.role == .responsable ? (report == nil ? "Reportar" : "Ver o completar") : "Ver"))))
                    })
                }))
        }
    }

    static func windowText(_ round: FollowUpRound) -> String {
        switch (round.reportFrom, round.reportUntil) {
        case let (from?, until?): "Se reciben reportes del \(from.dayFirst) al \(until.dayFirst)."
        case let (nil, until?): "Se reciben reportes hasta el \(until.dayFirst)."
        case let (from?, nil): "Se reciben reportes desde el \(from.dayFirst)."
        default: ""
        }
    }

    static func form(_ req: Request, _ c: ProgressReportController.Context, user: CurrentUser, values: [String: String], error: String?,
                     status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: "Autoreporte")
        let planID = c.plan.id!
        let r = c.report
        let editable = user.role == .responsable && !c.graded && c.round.estado == .borrador
        let maxMB = req.application.settings.maxEvidenceBytes / 1024 / 1024
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.h1(.text("Autoreporte · hallazgo \(c.finding.numero), acción \(c.action.position) · seguimiento \(c.round.numero)"))
            Node<HTML.BodyContext>.p(.class("small"), .text(c.action.descripcion))
            if c.graded { Node<HTML.BodyContext>.p(.class("flash"), .text("La OCI ya calificó esta acción en este seguimiento: el autoreporte quedó cerrado.")) }
            if let error { Node<HTML.BodyContext>.p(.class("errors"), .attribute(named: "role", value: "alert"), .text(error)) }
            if !c.evidences.isEmpty {
                Node<HTML.BodyContext>.section(.h2("Evidencias adjuntas"),
                    .table(.class("list"),
                        .thead(.tr(.th("Archivo"), .th("Tamaño"), .th("Subido por"), .th("Fecha"), .th(""))),
                        .tbody(.forEach(c.evidences) { ev in
                            .tr(.td(.a(.href(SiteURL.evidence(.value(ev.id!)).path), .text(ev.name))),
                                .td(.class("num"), .text(SpanishFormat.number(Double(ev.file.size) / 1024, maxDecimals: 0) + " KB")),
                                .td(.text(ev.uploadedByName)),
                                .td(.text(ev.createdAt.map { LocalDate.today(now: $0).dayFirst } ?? "")),
                                .td(.if(editable && ev.$uploadedBy.id == user.id,
                                        .form(.method(.post), .action(SiteURL.deleteEvidence(.value(ev.id!)).path), .class("inline"),
                                              .csrf(ctx.csrf), .button(.type(.submit), .class("link"), .text("Quitar"))))))
                        })))
            }
            if editable {
                Node<HTML.BodyContext>.form(.method(.post), .enctype(.multipartData),
                    .action(SiteURL.progressReport(.value(planID), .value(c.round.numero), .value(c.action.id!)).path),
                    .csrf(ctx.csrf),
                    .field("% de avance que reporta", name: "porcentaje", value: values["porcentaje"] ?? r?.porcentaje.map { SpanishFormat.number($0) } ?? "",
                           hint: "De 0 a 100. La OCI decide su propio %."),
                    .area("Descripción del avance", name: "descripcion", value: values["descripcion"] ?? r?.descripcion ?? "", required: true, rows: 5),
                    .area("Enlaces de evidencia (uno por línea)", name: "enlaces", value: values["enlaces"] ?? r?.enlaces ?? "", rows: 3),
                    .div(.class("field"),
                        .label(.for("archivos"), .text("Archivos de evidencia")),
                        .input(.type(.file), .name("archivos"), .id("archivos"), .multiple(true), .attribute(named: "aria-describedby", value: "archivos-ayuda")),
                        .small(.id("archivos-ayuda"), .class("hint"), .text("\(EvidenceType.acceptedText); hasta \(maxMB) MB cada uno."))),
                    .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar el autoreporte")),
                         .a(.href(SiteURL.progressReports(.value(planID), .value(c.round.numero)).path), .text("Volver"))))
            } else if let r {
                Node<HTML.BodyContext>.dl(.class("meta"),
                    .dt("% reportado"), .dd(.text(r.porcentaje.map { SpanishFormat.percent($0) } ?? "—")),
                    .dt("Descripción"), .dd(.text(r.descripcion)),
                    .dt("Enlaces"), .dd(.forEach(r.enlaces.split(whereSeparator: \.isNewline).map(String.init)) { .div(.link($0, $0)) }))
            } else {
                Node<HTML.BodyContext>.p("Sin autoreporte para esta acción en este seguimiento.")
            }
        }
    }
}

import VigiaFormats
extension EvidenceType {
    static var acceptedText: String { "Se aceptan " + accepted }
}
