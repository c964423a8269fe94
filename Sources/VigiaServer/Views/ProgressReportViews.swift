import Foundation
import Plot
import VigiaCore

/// The responsables' autoreportes of a round: the list of the plan's actions and the form of one.
enum ProgressReportViews {
    /// A responsable's report of one action.
    struct Report: Sendable, Equatable {
        var percent: Double?
        var text: String
        /// One link a line, as typed.
        var links: String
    }

    struct ListModel: Sendable {
        var snapshot: PlanSnapshot
        var roundNumero: Int
        var fechaCorte: LocalDate?
        var window: ReportingWindow
        /// By action.
        var reports: [UUID: Report]
        /// A responsable reports; everyone else only looks.
        var canReport: Bool = false
    }

    static let listTitle = "Autoreportes"

    static func listContent(_ m: ListModel) -> [Node<HTML.BodyContext>] {
        let s = m.snapshot
        return [
            .h1(.text("Autoreportes · seguimiento \(m.roundNumero) · \(s.unidadAuditable)")),
            .p(.text("Reporte el avance de cada acción y adjunte sus evidencias antes del corte (\(m.fechaCorte?.dayFirst ?? "sin fecha")). \(windowText(m.window)) La OCI califica con su propio %; su reporte queda a la vista y no se sobrescribe.")),
            ListDownload.links(SiteURL.progressReports(.value(s.id ?? UUID()), .value(m.roundNumero)).path),
            .scrollBox("Acciones del plan", .table(.class("list"),
                .thead(.tr(.th("Acción"), .th("Fechas"), .th("Reporte"), .th(""))),
                .tbody(.forEach(s.hallazgos) { f in
                    .group(.forEach(Array(f.acciones.enumerated())) { ai, a in row(m, f, ai, a) })
                }))),
        ]
    }

    static func row(_ m: ListModel, _ f: FindingSnapshot, _ ai: Int, _ a: ActionSnapshot) -> Node<HTML.TableContext> {
        let report = a.id.flatMap { m.reports[$0] }
        let link = SiteURL.progressReport(.value(m.snapshot.id ?? UUID()), .value(m.roundNumero), .value(a.id ?? UUID())).path
        return .tr(
            .td(.strong(.text("Hallazgo \(f.numero), acción \(ai + 1)")), .div(.class("small"), .text(String(a.descripcion.prefix(140))))),
            .td(.class("nowrap small"), .text("\(a.fechaInicial?.dayFirst ?? "—") a \(a.fechaFinal?.dayFirst ?? "—")")),
            .td(.text(report.map { r in (r.percent.map { SpanishFormat.percent($0) } ?? "sin %") + " · " + String(r.text.prefix(80)) } ?? "Sin reporte")),
            .td(.a(.href(link), .text(m.canReport ? (report == nil ? "Reportar" : "Ver o completar") : "Ver"))))
    }

    static func windowText(_ window: ReportingWindow) -> String {
        switch (window.from, window.until) {
        case let (from?, until?): "Se reciben reportes del \(from.dayFirst) al \(until.dayFirst)."
        case let (nil, until?): "Se reciben reportes hasta el \(until.dayFirst)."
        case let (from?, nil): "Se reciben reportes desde el \(from.dayFirst)."
        default: ""
        }
    }
}
