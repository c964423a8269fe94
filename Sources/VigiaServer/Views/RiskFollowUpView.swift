import Foundation
import Plot
import VigiaCore

/// The OCI's seguimiento of a map in one period: per action its % de avance and observaciones, per
/// risk «¿se materializó?» and what was done; then the period's publication.
enum RiskFollowUpView {
    struct Model: Sendable {
        var mapID: UUID
        var map: RiskMap
        var revision: Int
        var period: Int
        /// The form as sent (field name → text) after a refusal; nil: the stored values.
        var sent: [String: String]?
        var errors: [String: String] = [:]
        /// The period's publications, newest first (version, date, PDF hash).
        var publications: [PublicationLine] = []
        var deadline: LocalDate?
        /// The responsables' monitoreo of the period, by "riesgo-acción".
        var monitoring: [String: ProgressReportViews.Report] = [:]
        /// The reason typed for a new version, after a refusal (the grades stay as stored).
        var motivo: String = ""
    }

    struct PublicationLine: Sendable, Equatable {
        var id: UUID
        var version: Int
        var publishedOn: LocalDate
        var sha256: String
        var timing: String
    }

    static func title(_ m: Model) -> String {
        let name = m.map.periodos.first { $0.numero == m.period }?.displayName ?? "Periodo \(m.period)"
        return "Seguimiento del mapa de riesgos \(m.map.vigencia) · \(name)"
    }

    static func value(_ m: Model, _ field: String, stored: () -> String) -> String { m.sent.map { $0[field] ?? "" } ?? stored() }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let period = m.map.periodos.first { $0.numero == m.period }
        return [
            .h1(.text(title(m))),
            .p(.a(.href(RiskMapPage.path(m.mapID, period: m.period)), .text("← Volver al mapa")),
               .text(" · Corte: \(period?.fechaCorte.dayFirst ?? "—")"), .unwrap(m.deadline) { .text(" · Publicar a más tardar el \($0.dayFirst)") }),
            FormErrors.summary(m.errors),
            m.map.riesgos.isEmpty ? .p(.text("El mapa no tiene riesgos.")) : .form(.method(.post), .action(SiteURL.riskMapFollowUp(.value(m.mapID), .value(m.period)).path),
                .csrf(csrf), .input(.type(.hidden), .name("revision"), .value("\(m.revision)")),
                .forEach(m.map.riesgos) { r in riskBlock(r, m) },
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar seguimiento")))),
            publication(m, csrf: csrf),
        ]
    }

    static func riskBlock(_ r: Risk, _ m: Model) -> Node<HTML.FormContext> {
        let mat = r.materializaciones.first { $0.periodo == m.period }
        let matField = "m-\(r.numero)", descField = "d-\(r.numero)"
        let ticked = m.sent.map { $0[matField] == "si" } ?? (mat?.materializado ?? false)
        return .fieldset(.class("risk-follow-up"),
            .element(named: "legend", text: "Riesgo \(r.numero) · \(r.proceso)"),
            .p(.class("small"), .text(r.riesgo)),
            r.acciones.isEmpty ? .p(.class("hint"), .text("Sin acciones.")) : .scrollBox("Acciones del riesgo \(r.numero)", .table(.class("list"),
                .thead(.tr(.th("Acción"), .th("Responsable"), .th("Fin"), .th("Monitoreo del responsable"), .th("% de avance"), .th("Observaciones"))),
                .tbody(.forEach(Array(r.acciones.enumerated())) { k, a in actionRow(r, k + 1, a, m) }))),
            .p(.input(.type(.checkbox), .name(matField), .id(matField), .value("si"), .checked(ticked)),
               .label(.for(matField), .text(" ¿Se materializó el riesgo en el periodo?"))),
            .area("Si se materializó: qué pasó y qué se hizo", name: descField,
                  value: value(m, descField) { mat?.descripcion ?? "" }, rows: 2, error: m.errors[descField]))
    }

    static func actionRow(_ r: Risk, _ k: Int, _ a: RiskAction, _ m: Model) -> Node<HTML.TableContext> {
        let p = "p-\(r.numero)-\(k)", o = "o-\(r.numero)-\(k)"
        let stored = a.followUp(m.period)
        let error = m.errors[p]
        let reported = m.monitoring["\(r.numero)-\(k)"]
        return .tr(.td(.text(a.plan.descripcion)), .td(.text(a.plan.responsable)), .td(.class("nowrap"), .text(a.plan.fechaFin?.dayFirst ?? "—")),
            .td(.class("small"), reported.map { rep in
                .group(.text("\(rep.percent.map { SpanishFormat.percent($0) } ?? "sin %"): \(rep.text.prefix(200))\(rep.text.count > 200 ? "…" : "") "),
                       .a(.href(SiteURL.riskMonitoring(.value(m.mapID), .value(m.period), .value(r.numero), .value(k)).path), .text("ver el monitoreo y sus evidencias")))
            } ?? .text("—")),
            .td(.class(error == nil ? "" : "invalid"),
                .label(.class("sr-only"), .for(p), .text("% de avance de la acción \(k) del riesgo \(r.numero)")),
                .input(.type(.text), .name(p), .id(p), .class("percent"), .value(value(m, p) { stored?.porcentaje.map { SpanishFormat.number($0) } ?? "" }),
                       .attribute(named: "inputmode", value: "decimal"), .attribute(named: "size", value: "5"),
                       .attribute(named: "aria-invalid", value: error == nil ? "false" : "true")),
                .unwrap(error) { .small(.class("error"), .text($0)) }),
            .td(.label(.class("sr-only"), .for(o), .text("Observaciones de la acción \(k) del riesgo \(r.numero)")),
                .textarea(.name(o), .id(o), .rows(2), .text(value(m, o) { stored?.observaciones ?? "" }))))
    }

    static func publication(_ m: Model, csrf: String) -> Node<HTML.BodyContext> {
        .section(.h2(.text("Publicación")),
            .p(.text("Publicar congela el documento del seguimiento (PDF y XLSX con su SHA-256) en la página de transparencia, junto al programa de transparencia y ética pública de la vigencia.")),
            .if(!m.publications.isEmpty, .ul(.forEach(m.publications) { p in
                .li(.text("Versión \(p.version), publicada el \(p.publishedOn.dayFirst) (\(p.timing)). SHA-256 del PDF: "), .code(.text(p.sha256)))
            })),
            .form(.method(.post), .action(SiteURL.publishRiskMap(.value(m.mapID), .value(m.period)).path), .csrf(csrf),
                .input(.type(.hidden), .name("revision"), .value("\(m.revision)")),
                .if(!m.publications.isEmpty, .area("Motivo de la nueva versión", name: "motivo", value: m.motivo, required: true, rows: 2, error: m.errors["motivo"])),
                .button(.type(.submit), .text(m.publications.isEmpty ? "Publicar el seguimiento" : "Publicar una nueva versión"))))
    }
}

extension RiskFollowUpView {
    /// The grades and materialisations of a sent form (`p-R-A`, `o-R-A`, `m-R`, `d-R`), for every action and risk of the map.
    static func inputs(_ sent: [String: String], map: RiskMap) -> ([RiskGradeInput], [RiskMaterialisationInput]) {
        var grades: [RiskGradeInput] = [], mats: [RiskMaterialisationInput] = []
        for r in map.riesgos {
            for k in r.acciones.indices {
                grades.append(RiskGradeInput(riesgo: r.numero, accion: k + 1, porcentaje: sent["p-\(r.numero)-\(k + 1)"] ?? "",
                                             observaciones: sent["o-\(r.numero)-\(k + 1)"] ?? ""))
            }
            mats.append(RiskMaterialisationInput(riesgo: r.numero, materializado: sent["m-\(r.numero)"] == "si", descripcion: sent["d-\(r.numero)"] ?? ""))
        }
        return (grades, mats)
    }
}
