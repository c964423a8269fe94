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

    /// A responsable's report on one item — an action of a plan in a round, or an action of a risk
    /// map in a period — and its files. The same form for both: only the words and the addresses differ.
    struct FormModel: Sendable {
        /// "Autoreporte · hallazgo 2, acción 1 · seguimiento 3".
        var heading: String
        var postPath: String
        var backPath: String
        /// "Guardar el autoreporte".
        var saveLabel: String
        /// "Sin autoreporte para esta acción en este seguimiento."
        var emptyText: String
        var actionText: String
        /// Why the report cannot be filed now (graded, published, outside the window), for a responsable.
        var closedReason: String?
        var editable: Bool
        var report: Report?
        var files: [File]
        /// The fields as sent, kept after a refusal.
        var values: [String: String] = [:]
        var error: String?
        /// Why each field was refused, by field name (`archivo0`, `archivo1`… for the files).
        var errors: [String: String] = [:]
        var maxMB: Int

        init(heading: String, postPath: String, backPath: String, saveLabel: String, emptyText: String, actionText: String,
             closedReason: String?, editable: Bool, report: Report?, files: [File], values: [String: String] = [:], error: String? = nil,
             errors: [String: String] = [:], maxMB: Int) {
            self.heading = heading; self.postPath = postPath; self.backPath = backPath; self.saveLabel = saveLabel; self.emptyText = emptyText
            self.actionText = actionText; self.closedReason = closedReason; self.editable = editable; self.report = report; self.files = files
            self.values = values; self.error = error; self.errors = errors; self.maxMB = maxMB
        }

        /// The autoreporte of action `actionPosition` of finding `findingNumero` of a plan in round `roundNumero`.
        init(planID: UUID, roundNumero: Int, findingNumero: Int, actionID: UUID, actionPosition: Int, actionText: String,
             closedReason: String?, editable: Bool, report: Report?, files: [File], values: [String: String] = [:], error: String? = nil,
             errors: [String: String] = [:], maxMB: Int) {
            self.init(heading: "Autoreporte · hallazgo \(findingNumero), acción \(actionPosition) · seguimiento \(roundNumero)",
                      postPath: SiteURL.progressReport(.value(planID), .value(roundNumero), .value(actionID)).path,
                      backPath: SiteURL.progressReports(.value(planID), .value(roundNumero)).path,
                      saveLabel: "Guardar el autoreporte", emptyText: "Sin autoreporte para esta acción en este seguimiento.", actionText: actionText,
                      closedReason: closedReason, editable: editable, report: report, files: files, values: values, error: error,
                      errors: errors, maxMB: maxMB)
        }
    }

    static let formTitle = "Autoreporte"

    static func formContent(_ m: FormModel, csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text(m.heading)),
            .p(.class("small"), .text(m.actionText)),
            .unwrap(m.closedReason) { .p(.class("flash"), .text($0)) },
            .unwrap(m.error) { .p(.class("errors"), .attribute(named: "role", value: "alert"), .text($0)) },
            FormErrors.summary(m.errors),
            .if(!m.files.isEmpty, files(m, csrf: csrf)),
            m.editable ? editor(m, csrf: csrf) : reportShown(m.report, empty: m.emptyText),
        ]
    }

    static func files(_ m: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .section(.h2("Evidencias adjuntas"),
            .scrollBox("Evidencias adjuntas", .table(.class("list"),
                .thead(.tr(.th("Archivo"), .th("Tamaño"), .th("Subido por"), .th("Fecha"), .th(""))),
                .tbody(.forEach(m.files) { file in
                    .tr(.td(.a(.href(SiteURL.evidence(.value(file.id)).path), .text(file.name))),
                        .td(.class("num"), .text(SpanishFormat.number(Double(file.sizeBytes) / 1024, maxDecimals: 0) + " KB")),
                        .td(.text(file.uploadedBy)),
                        .td(.text(file.uploadedOn?.dayFirst ?? "")),
                        .td(.if(m.editable && file.removable,
                                .form(.method(.post), .action(SiteURL.deleteEvidence(.value(file.id)).path), .class("inline"),
                                      .csrf(csrf), .button(.type(.submit), .class("link"), .text("Quitar"))))))
                }))))
    }

    static func editor(_ m: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        let r = m.report, values = m.values, errors = m.errors
        // The files' problems (one per refused file) go under the file field.
        let fileErrors = errors.filter { $0.key.hasPrefix("archivo") }.sorted { $0.key < $1.key }.map(\.value)
        return .form(.method(.post), .enctype(.multipartData),
            .action(m.postPath),
            .csrf(csrf),
            .field("% de avance que reporta", name: "porcentaje", value: values["porcentaje"] ?? r?.percent.map { SpanishFormat.number($0) } ?? "",
                   hint: "De 0 a 100. La OCI decide su propio %.", error: errors["porcentaje"]),
            .area("Descripción del avance", name: "descripcion", value: values["descripcion"] ?? r?.text ?? "", required: true, rows: 5,
                  error: errors["descripcion"]),
            .area("Enlaces de evidencia (uno por línea)", name: "enlaces", value: values["enlaces"] ?? r?.links ?? "", rows: 3,
                  error: errors["enlaces"]),
            fileField(error: fileErrors.isEmpty ? nil : fileErrors.joined(separator: " "), maxMB: m.maxMB),
            .div(.class("actions-bar"), .button(.type(.submit), .text(m.saveLabel)), .a(.href(m.backPath), .text("Volver"))))
    }

    /// The evidence files: what is accepted, and why a file was refused.
    static func fileField(error: String?, maxMB: Int) -> Node<HTML.FormContext> {
        let described: [Attribute<HTML.InputContext>] = error == nil
            ? [.attribute(named: "aria-describedby", value: "archivos-ayuda")]
            : [.attribute(named: "aria-describedby", value: "archivos-error archivos-ayuda"), .attribute(named: "aria-invalid", value: "true")]
        let input: Node<HTML.FormContext> = .selfClosedElement(named: "input", attributes: [.type(.file), .name("archivos"), .id("archivos"),
                                                                                            .multiple(true)] + described)
        let hint: Node<HTML.FormContext> = .small(.id("archivos-ayuda"), .class("hint"), .text("\(EvidenceType.acceptedText); hasta \(maxMB) MB cada uno."))
        return .div(.class(error == nil ? "field" : "field invalid"),
            .label(.for("archivos"), .text("Archivos de evidencia")),
            input,
            .unwrap(error) { .small(.id("archivos-error"), .class("error"), .text($0)) },
            hint)
    }

    static func reportShown(_ r: Report?, empty: String) -> Node<HTML.BodyContext> {
        guard let r else { return .p(.text(empty)) }
        return .dl(.class("meta"),
            .dt("% reportado"), .dd(.text(r.percent.map { SpanishFormat.percent($0) } ?? "—")),
            .dt("Descripción"), .dd(.text(r.text)),
            .dt("Enlaces"), .dd(.forEach(r.links.split(whereSeparator: \.isNewline).map(String.init)) { .div(.link($0, $0)) }))
    }
}

extension EvidenceType {
    static var acceptedText: String { "Se aceptan " + accepted }
}
