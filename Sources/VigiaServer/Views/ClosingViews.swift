import Foundation
import Plot
import VigiaCore
import VigiaFormats

/// The pages that close a finding for real: the OCI's review of eficacia and efectividad, the
/// proposal to reformulate an action, and the approver's decision on it.
enum ClosingViews {
    /// One action of the finding as the review form lists it.
    struct ActionLine: Sendable, Equatable {
        var label: String
        var descripcion: String
        var fechaFinal: LocalDate?
        var percent: Double?
        var state: ActionState?
    }

    struct ReviewModel: Sendable {
        var planID: UUID
        var unidadAuditable: String
        var findingID: UUID
        var findingNumero: Int
        var findingText: String
        var actions: [ActionLine]
        /// Why the finding cannot be reviewed yet; the form is still shown, the server refuses.
        var notReady: String?
        var lastFechaFinal: LocalDate?
        var history: [FindingReviewSnapshot]
        var today: LocalDate
        var values: [String: String] = [:]
        var errors: [String: String] = [:]
        var maxMB: Int
    }

    static func reviewTitle(_ m: ReviewModel) -> String { "Revisión de eficacia y efectividad · hallazgo \(m.findingNumero)" }

    static func review(_ m: ReviewModel, csrf: String) -> [Node<HTML.BodyContext>] {
        let v = m.values, e = m.errors
        return [
            .h1(.text("\(reviewTitle(m)) · \(m.unidadAuditable)")),
            .p(.text(m.findingText)),
            .p(.class("small"), .text("La OCI verifica la eficacia (las acciones se cumplieron como se planearon y a tiempo) y la efectividad (la causa desapareció y el hallazgo no se repite). El hallazgo se cierra solo con una revisión que concluya EFICAZ y EFECTIVA; entonces sus acciones quedan CERRADAS.")),
            .unwrap(m.notReady) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text("Aún no: \($0)")) },
            .scrollBox("Acciones del hallazgo", .table(.class("list"),
                .caption(.text("Acciones del hallazgo en el último seguimiento")),
                .thead(.tr(.th("Acción"), .th("Descripción"), .th("Fecha final"), .th("% OCI"), .th("Estado"))),
                .tbody(.forEach(m.actions) { a in
                    .tr(.td(.text(a.label)), .td(.text(a.descripcion)), .td(.text(a.fechaFinal?.dayFirst ?? "—")),
                        .td(.class("num"), .text(SpanishFormat.percent(a.percent))), .td(.text(a.state?.label ?? "sin calificar")))
                }))),
            .if(!m.history.isEmpty, .scrollBox("Revisiones de eficacia y efectividad", reviewHistory(m.history, evidence: [:]))),
            FormErrors.summary(e),
            .form(.method(.post), .enctype(.multipartData), .action(SiteURL.findingReview(.value(m.planID), .value(m.findingID)).path),
                .csrf(csrf),
                .field("Fecha de la revisión", name: "fecha", value: v["fecha"] ?? m.today.dayFirst, type: .date, required: true, error: e["fecha"]),
                .area("Criterios de la revisión", name: "criterios", value: v["criterios"], required: true, rows: 4, error: e["criterios"]),
                .choice("Eficacia", name: "eficacia", options: [("", "Elija…")] + EficaciaVerdict.allCases.map { ($0.rawValue, $0.label) },
                        selected: v["eficacia"], error: e["eficacia"]),
                .choice("Efectividad", name: "efectividad", options: [("", "Elija…")] + EfectividadVerdict.allCases.map { ($0.rawValue, $0.label) },
                        selected: v["efectividad"], error: e["efectividad"]),
                .unwrap(m.lastFechaFinal) { .p(.class("small"), .text("La efectividad solo puede verificarse desde el \($0.dayFirst) (fecha final de la última acción); antes, déjela SIN EVALUAR.")) },
                .choice("Decisión", name: "decision", options: [("", "Elija…")] + ReviewDecision.allCases.map { ($0.rawValue, $0.label) },
                        selected: v["decision"], error: e["decision"]),
                .area("Observaciones", name: "observaciones", value: v["observaciones"], rows: 4, error: e["observaciones"]),
                .div(.class(e["evidencias"] == nil ? "field" : "field invalid"),
                    .label(.for("archivos"), .text("Evidencias de la revisión *")),
                    .input(.type(.file), .name("archivos"), .id("archivos"), .multiple(true), .attribute(named: "aria-describedby", value: "archivos-ayuda")),
                    .small(.id("archivos-ayuda"), .class(e["evidencias"] == nil ? "hint" : "error"),
                           .text(e["evidencias"] ?? "\(EvidenceType.acceptedText); hasta \(m.maxMB) MB cada uno. Al menos uno."))),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Registrar la revisión")),
                     .a(.href(SiteURL.plan(.value(m.planID)).path), .text("Volver al plan")))),
        ]
    }

    /// The reviews of a finding, oldest first; `evidence` gives each review's files (id, name) for links.
    static func reviewHistory(_ reviews: [FindingReviewSnapshot], evidence: [UUID: [(id: UUID, name: String)]]) -> Node<HTML.BodyContext> {
        .table(.class("list"),
            .caption(.text("Revisiones de eficacia y efectividad")),
            .thead(.tr(.th("Fecha"), .th("Eficacia"), .th("Efectividad"), .th("Decisión"), .th("Criterios y observaciones"), .th("Evidencias"), .th("Revisó"))),
            .tbody(.forEach(reviews) { r in
                .tr(.td(.text(r.fecha.dayFirst)), .td(.text(r.eficacia.label)), .td(.text(r.efectividad.label)),
                    .td(.strong(.text(r.decision.label))),
                    .td(.text(r.criterios), .if(!r.observaciones.isEmpty, .div(.class("small"), .text(r.observaciones)))),
                    .td(.forEach(r.id.flatMap { evidence[$0] } ?? []) { f in .div(.a(.href(SiteURL.evidence(.value(f.id)).path), .text(f.name))) },
                        .if(r.id.flatMap { evidence[$0] } == nil, .text(r.evidencias.joined(separator: ", ")))),
                    .td(.text(r.revisor)))
            }))
    }

    // MARK: - Reformulation

    struct ProposalModel: Sendable {
        var planID: UUID
        var unidadAuditable: String
        var actionID: UUID
        var label: String
        var original: ActionSnapshot
        var refusal: String?
        var form: ReformulationInput
        var errors: [String: String] = [:]
    }

    static func proposalTitle(_ m: ProposalModel) -> String { "Reformular la acción \(m.label)" }

    static func proposal(_ m: ProposalModel, csrf: String) -> [Node<HTML.BodyContext>] {
        let f = m.form, e = m.errors, o = m.original
        return [
            .h1(.text("\(proposalTitle(m)) · \(m.unidadAuditable)")),
            .p(.class("small"), .text("Proponga una acción nueva o nuevas fechas, con su justificación. Quien aprueba en la entidad decide; si aprueba, esta acción queda REFORMULADA (se conserva con sus calificaciones) y la nueva se califica por sí misma.")),
            .dl(.class("meta"),
                .dt("Acción actual"), .dd(.text(o.descripcion)),
                .dt("Fechas"), .dd(.text("\(o.fechaInicial?.dayFirst ?? "—") a \(o.fechaFinal?.dayFirst ?? "—")")),
                .dt("Meta"), .dd(.text(o.meta)), .dt("Indicador"), .dd(.text(o.indicador)), .dt("Responsable"), .dd(.text(o.responsable))),
            .unwrap(m.refusal) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text("No se puede reformular: \($0)")) },
            FormErrors.summary(e),
            .if(m.refusal == nil, .form(.method(.post), .action(SiteURL.reformulateAction(.value(m.planID), .value(m.actionID)).path),
                .csrf(csrf),
                .area("Justificación", name: "justificacion", value: f.justificacion, required: true, rows: 4, error: e["justificacion"]),
                .area("Descripción de la acción", name: "descripcion", value: f.descripcion, required: true, rows: 4, error: e["descripcion"]),
                .field("Fecha inicial", name: "fecha_inicial", value: f.fechaInicial, type: .date, required: true, error: e["fecha_inicial"]),
                .field("Fecha final", name: "fecha_final", value: f.fechaFinal, type: .date, required: true, error: e["fecha_final"]),
                .area("Meta", name: "meta", value: f.meta, required: true, rows: 2, error: e["meta"]),
                .field("Cantidad de la meta", name: "meta_cantidad", value: f.metaCantidad, hint: "Opcional: el número que se mide.", error: e["meta_cantidad"],
                       extra: [.attribute(named: "inputmode", value: "decimal")]),
                .area("Indicador", name: "indicador", value: f.indicador, required: true, rows: 2, error: e["indicador"]),
                .field("Responsable", name: "responsable", value: f.responsable, required: true, error: e["responsable"]),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Proponer la reformulación")),
                     .a(.href(SiteURL.plan(.value(m.planID)).path), .text("Cancelar"))))),
            .if(m.refusal != nil, .p(.a(.href(SiteURL.plan(.value(m.planID)).path), .text("Volver al plan")))),
        ]
    }

    struct DecisionModel: Sendable {
        var planID: UUID
        var unidadAuditable: String
        var reformulationID: UUID
        var label: String
        var original: ActionSnapshot
        var reformulation: ReformulationSnapshot
        var approver: ReformulationApprover
        var canDecide: Bool
        var values: [String: String] = [:]
        var errors: [String: String] = [:]
    }

    static func decisionTitle(_ m: DecisionModel) -> String { "Reformulación de la acción \(m.label)" }

    static func decision(_ m: DecisionModel, csrf: String) -> [Node<HTML.BodyContext>] {
        let r = m.reformulation, p = r.propuesta, o = m.original, e = m.errors
        func row(_ name: String, _ before: String, _ after: String) -> Node<HTML.TableContext> {
            .tr(.th(.attribute(named: "scope", value: "row"), .text(name)), .td(.text(before)),
                before == after ? .td(.class("small"), .text("(igual)")) : .td(.strong(.text(after))))
        }
        return [
            .h1(.text("\(decisionTitle(m)) · \(m.unidadAuditable)")),
            .dl(.class("meta"),
                .dt("Estado"), .dd(.strong(.text(r.estado.label))),
                .dt("Propuesta por"), .dd(.text("\(r.proponente), el \(r.fechaPropuesta.dayFirst)")),
                .dt("Justificación"), .dd(.text(r.justificacion)),
                .unwrap(r.fechaDecision) { d in .group(.dt("Decisión"), .dd(.text("\(r.aprobador ?? "") el \(d.dayFirst)" + (r.acta.map { " · acta \($0)" } ?? "")))) },
                .unwrap(r.motivoDecision) { .group(.dt("Motivo"), .dd(.text($0))) }),
            .scrollBox("Acción actual y propuesta", .table(.class("list"),
                .caption(.text("Acción actual y propuesta")),
                .thead(.tr(.th("Campo"), .th("Actual"), .th("Propuesta"))),
                .tbody(
                    row("Descripción", o.descripcion, p.descripcion),
                    row("Fecha inicial", o.fechaInicial?.dayFirst ?? "—", p.fechaInicial?.dayFirst ?? "—"),
                    row("Fecha final", o.fechaFinal?.dayFirst ?? "—", p.fechaFinal?.dayFirst ?? "—"),
                    row("Meta", o.meta, p.meta),
                    row("Cantidad de la meta", o.metaCantidad.map { SpanishFormat.number($0) } ?? "—", p.metaCantidad.map { SpanishFormat.number($0) } ?? "—"),
                    row("Indicador", o.indicador, p.indicador),
                    row("Responsable", o.responsable, p.responsable)))),
            .if(m.canDecide && r.estado == .pendiente, .group(
                FormErrors.summary(e),
                .form(.method(.post), .action(SiteURL.reformulation(.value(m.planID), .value(m.reformulationID)).path),
                    .csrf(csrf),
                    .p(.class("small"), .text("Aprueba: \(m.approver.label).")),
                    .if(m.approver == .comite, .field("Acta del comité (número y fecha)", name: "acta", value: m.values["acta"], required: true, error: e["acta"])),
                    .area("Motivo de la decisión (obligatorio para rechazar)", name: "motivo", value: m.values["motivo"], rows: 3, error: e["motivo"]),
                    .div(.class("actions-bar"),
                         .button(.type(.submit), .name("decision"), .value("aprobar"), .text("Aprobar la reformulación")),
                         .button(.type(.submit), .class("secondary"), .name("decision"), .value("rechazar"), .text("Rechazar")),
                         .a(.href(SiteURL.plan(.value(m.planID)).path), .text("Volver al plan")))))),
            .if(!(m.canDecide && r.estado == .pendiente), .p(.a(.href(SiteURL.plan(.value(m.planID)).path), .text("Volver al plan")))),
        ]
    }
}
