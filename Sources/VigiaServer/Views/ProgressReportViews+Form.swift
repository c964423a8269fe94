import Foundation
import Plot
import VigiaCore
import VigiaFormats

extension ProgressReportViews {
    /// An evidence file of the report.
    struct File: Sendable, Equatable {
        var id: UUID
        var name: String
        var sizeBytes: Int
        var uploadedBy: String
        var uploadedOn: LocalDate?
        /// Only who uploaded a file may remove it, while the report is open.
        var removable: Bool
    }

    struct FormModel: Sendable {
        var planID: UUID
        var roundNumero: Int
        var findingNumero: Int
        var actionID: UUID
        var actionPosition: Int
        var actionText: String
        /// Why the report cannot be filed now (graded, published, outside the window), for a responsable.
        var closedReason: String?
        var editable: Bool
        var report: Report?
        var files: [File]
        /// The fields as sent, kept after a refusal.
        var values: [String: String] = [:]
        var error: String?
        var maxMB: Int
    }

    static let formTitle = "Autoreporte"

    static func formContent(_ m: FormModel, csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text("Autoreporte · hallazgo \(m.findingNumero), acción \(m.actionPosition) · seguimiento \(m.roundNumero)")),
            .p(.class("small"), .text(m.actionText)),
            .unwrap(m.closedReason) { .p(.class("flash"), .text($0)) },
            .unwrap(m.error) { .p(.class("errors"), .attribute(named: "role", value: "alert"), .text($0)) },
            .if(!m.files.isEmpty, files(m, csrf: csrf)),
            m.editable ? editor(m, csrf: csrf) : reportShown(m.report),
        ]
    }

    static func files(_ m: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .section(.h2("Evidencias adjuntas"),
            .table(.class("list"),
                .thead(.tr(.th("Archivo"), .th("Tamaño"), .th("Subido por"), .th("Fecha"), .th(""))),
                .tbody(.forEach(m.files) { file in
                    .tr(.td(.a(.href(SiteURL.evidence(.value(file.id)).path), .text(file.name))),
                        .td(.class("num"), .text(SpanishFormat.number(Double(file.sizeBytes) / 1024, maxDecimals: 0) + " KB")),
                        .td(.text(file.uploadedBy)),
                        .td(.text(file.uploadedOn?.dayFirst ?? "")),
                        .td(.if(m.editable && file.removable,
                                .form(.method(.post), .action(SiteURL.deleteEvidence(.value(file.id)).path), .class("inline"),
                                      .csrf(csrf), .button(.type(.submit), .class("link"), .text("Quitar"))))))
                })))
    }

    static func editor(_ m: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        let r = m.report, values = m.values
        return .form(.method(.post), .enctype(.multipartData),
            .action(SiteURL.progressReport(.value(m.planID), .value(m.roundNumero), .value(m.actionID)).path),
            .csrf(csrf),
            .field("% de avance que reporta", name: "porcentaje", value: values["porcentaje"] ?? r?.percent.map { SpanishFormat.number($0) } ?? "",
                   hint: "De 0 a 100. La OCI decide su propio %."),
            .area("Descripción del avance", name: "descripcion", value: values["descripcion"] ?? r?.text ?? "", required: true, rows: 5),
            .area("Enlaces de evidencia (uno por línea)", name: "enlaces", value: values["enlaces"] ?? r?.links ?? "", rows: 3),
            .div(.class("field"),
                .label(.for("archivos"), .text("Archivos de evidencia")),
                .input(.type(.file), .name("archivos"), .id("archivos"), .multiple(true), .attribute(named: "aria-describedby", value: "archivos-ayuda")),
                .small(.id("archivos-ayuda"), .class("hint"), .text("\(EvidenceType.acceptedText); hasta \(m.maxMB) MB cada uno."))),
            .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar el autoreporte")),
                 .a(.href(SiteURL.progressReports(.value(m.planID), .value(m.roundNumero)).path), .text("Volver"))))
    }

    static func reportShown(_ r: Report?) -> Node<HTML.BodyContext> {
        guard let r else { return .p("Sin autoreporte para esta acción en este seguimiento.") }
        return .dl(.class("meta"),
            .dt("% reportado"), .dd(.text(r.percent.map { SpanishFormat.percent($0) } ?? "—")),
            .dt("Descripción"), .dd(.text(r.text)),
            .dt("Enlaces"), .dd(.forEach(r.links.split(whereSeparator: \.isNewline).map(String.init)) { .div(.link($0, $0)) }))
    }
}

extension EvidenceType {
    static var acceptedText: String { "Se aceptan " + accepted }
}
