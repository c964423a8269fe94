import Foundation
import Plot
import VigiaCore

/// The opening of a round: its dates and its window of autoreportes.
enum NewRoundView {
    struct Model: Sendable {
        var planID: UUID
        var unidadAuditable: String
        /// The number the new round will take.
        var numero: Int
        var form: FollowUpController.RoundForm
        var errors: [String: String] = [:]
    }

    static let title = "Nuevo seguimiento"

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let form = m.form, errors = m.errors
        return [.h1(.text("Registrar el seguimiento No. \(m.numero) · \(m.unidadAuditable)")),
            FormErrors.summary(errors),
            .form(.method(.post), .action(SiteURL.newRound(.value(m.planID)).path),
                .csrf(csrf),
                .field("Fecha de corte", name: "fechaCorte", value: form.fechaCorte, type: .date, required: true,
                       hint: "Los estados se sugieren comparando esta fecha con las fechas de cada acción.", error: errors["fechaCorte"]),
                .field("Fecha del seguimiento", name: "fechaSeguimiento", value: form.fechaSeguimiento ?? "", type: .date, error: errors["fechaSeguimiento"]),
                .div(.class("field"), .label(.input(.type(.checkbox), .name("esCierre"), .value("1"), .checked(form.esCierre != nil)),
                     .text(" Seguimiento de cierre (las acciones sin terminar quedan INCUMPLIDAS)"))),
                .fieldset(.element(named: "legend", text: "Ventana de autoreportes de los responsables (opcional)"),
                    .div(.class("grid2"),
                        .field("Desde", name: "reporteDesde", value: form.reporteDesde ?? "", type: .date, error: errors["reporteDesde"]),
                        .field("Hasta", name: "reporteHasta", value: form.reporteHasta ?? "", type: .date, error: errors["reporteHasta"]))),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Crear y calificar")),
                     .a(.href(SiteURL.plan(.value(m.planID)).path), .text("Cancelar")))),
        ]
    }
}

/// One form for the whole round: every action's %, evidence, observations and state.
enum RoundFormView {
    /// A responsable's autoreporte, shown beside the OCI's grade.
    struct Reported: Sendable {
        let percent: Double?
        let text: String
        let links: [String]
        let files: [(UUID, String)]
    }

    struct Model: Sendable {
        var snapshot: PlanSnapshot
        var round: RoundSnapshot
        var values: RoundValues
        var errors: [String: String] = [:]
        var reports: [UUID: Reported] = [:]
    }

    static func title(_ m: Model) -> String { "Seguimiento \(m.round.numero)" }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let s = m.snapshot, round = m.round, v = m.values, errors = m.errors
        let id = s.id ?? UUID()
        return [.h1(.text("Seguimiento No. \(round.numero) · \(s.unidadAuditable)")),
                .p(.class("small"), .text("Columnas para diligenciamiento exclusivo de la OCI. Deje el estado en «Según las reglas» para usar el sugerido; si lo cambia, escriba la justificación: queda registrada. Un % en blanco significa «no calificada en este seguimiento».")),
            FormErrors.summary(errors),
            .form(.method(.post), .action(SiteURL.round(.value(id), .value(round.numero)).path),
                .csrf(csrf),
                .div(.class("grid2"),
                    .field("Fecha de corte", name: "fechaCorte", value: v.fechaCorte, type: .date, required: true, error: errors["fechaCorte"]),
                    .field("Fecha del seguimiento", name: "fechaSeguimiento", value: v.fechaSeguimiento, type: .date, error: errors["fechaSeguimiento"]),
                    .div(.class("field"), .label(.input(.type(.checkbox), .name("esCierre"), .value("1"), .checked(v.esCierre)),
                         .text(" Seguimiento de cierre")))),
                .scrollBox("Calificación de cada acción", table(m)),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar el seguimiento")),
                     .if(!m.reports.isEmpty, .button(.type(.submit), .class("secondary"), .attribute(named: "name", value: "aceptarTodos"),
                                                     .attribute(named: "value", value: "1"), .text("Usar todos los % reportados"))),
                     .a(.href(SiteURL.plan(.value(id)).path(with: .round(round.numero))), .text("Cancelar")))),
        ]
    }

    static func table(_ m: Model) -> Node<HTML.FormContext> {
        let cutOff = LocalDate(dayFirst: m.values.fechaCorte)
        // CERRADA and REFORMULADA come from the review and the reformulation, never from this form.
        let stateOptions = [("", "Según las reglas")] + ActionState.allCases.filter { ![.cerrada, .reformulada].contains($0) }.map { ($0.rawValue, $0.label) }
        let evaluation = PlanEvaluator.evaluate(m.snapshot, round: m.round.numero)
        return .table(.class("grade"),
            .caption(.text("Calificación de cada acción")),
            .thead(.tr(.th("Hallazgo / acción"), .th("Fechas"), .th("Sugerido al corte"), .th("Autoreporte del responsable"), .th("% de avance"), .th("Evidencias"),
                       .th("Observaciones"), .th("Estado de la acción"), .th("Justificación del cambio de estado"))),
            .tbody(.forEach(m.snapshot.hallazgos) { f in
                .group(
                    .forEach(Array(f.acciones.enumerated())) { ai, a in
                        let fi = m.snapshot.hallazgos.firstIndex { $0.id == f.id } ?? 0
                        return RoundValues.isReformulated(fi, ai, evaluation)
                            ? reformulatedRow(f, ai, a, grade: m.round.grade(for: ActionRef(hallazgo: fi, accion: ai)),
                                              vigente: evaluation.hallazgos[fi].acciones[ai].vigente)
                            : actionRow(f, ai, a, m.values, m.errors, cutOff: cutOff, stateOptions: stateOptions, reported: a.id.flatMap { m.reports[$0] })
                    },
                    findingRow(f, m.values, m.errors))
            }))
    }

    /// A REFORMULADA action: read-only, with the grade it kept.
    static func reformulatedRow(_ f: FindingSnapshot, _ ai: Int, _ a: ActionSnapshot, grade: GradeSnapshot?, vigente: Bool) -> Node<HTML.TableContext> {
        .tr(.td(.strong(.text("Hallazgo \(f.numero), acción \(ai + 1)")), .div(.class("small"), .text(a.descripcion))),
            .td(.class("nowrap small"), .text("\(a.fechaInicial?.dayFirst ?? "—") a \(a.fechaFinal?.dayFirst ?? "—")")),
            vigente
                ? .td(.attribute(named: "colspan", value: "7"), .class("small"),
                      .strong(.text("REFORMULADA")),
                      .text(" · " + (f.reformulationNote(action: ai, reformulated: true) ?? "") + " Se conserva con sus calificaciones y no se califica más"
                            + (grade?.porcentaje.map { " (último %: \(SpanishFormat.percent($0)))" } ?? "") + "."))
                : .td(.attribute(named: "colspan", value: "7"), .class("small"),
                      .strong(.text("AÚN NO VIGENTE")),
                      .text(" · " + (f.reformulationNote(action: ai, reformulated: false, vigente: false) ?? "") + " Se califica desde el siguiente seguimiento.")))
    }

    static func actionRow(_ f: FindingSnapshot, _ ai: Int, _ a: ActionSnapshot, _ v: RoundValues, _ errors: [String: String],
                          cutOff: LocalDate?, stateOptions: [(String, String)], reported: Reported?) -> Node<HTML.TableContext> {
        let k = a.id!.uuidString
        let av = v.actions[a.id!] ?? .init()
        // A CERRADA imported from a spreadsheet stays selectable as it was.
        let stateOptions = stateOptions + ([ActionState.cerrada, .reformulada].filter { $0.rawValue == av.state }.map { ($0.rawValue, $0.label) })
        let p = av.percentInput.value
        let suggested = ActionStateRules.suggested(percent: p, fechaInicial: a.fechaInicial, fechaFinal: a.fechaFinal,
                                                   cutOff: cutOff, closing: v.esCierre)
        let expected = cutOff.flatMap { Schedule.expectedProgress(fechaInicial: a.fechaInicial, fechaFinal: a.fechaFinal, at: $0) }
        let place = "Hallazgo \(f.numero), acción \(ai + 1)"
        // A long description opens in place: the OCI reads the whole action without leaving the form.
        let summary: Node<HTML.BodyContext> = a.descripcion.count > 160
            ? .details(.class("small"), .summary(.text(String(a.descripcion.prefix(160)) + "…")), .p(.text(a.descripcion)))
            : .div(.class("small"), .text(a.descripcion))
        let expectedNode: Node<HTML.BodyContext> = expected.map { .div(.text("esperado \(SpanishFormat.percent($0))")) } ?? .empty
        let percentInput: Node<HTML.BodyContext> = .selfClosedElement(named: "input", attributes: [
            .type(.text), .name("pct_\(k)"), .value(av.percent), .attribute(named: "inputmode", value: "decimal"),
            .attribute(named: "aria-label", value: "\(place): % de avance"), .attribute(named: "size", value: "5"),
        ] + invalid("pct_\(k)", errors))
        let stateSelect: Node<HTML.BodyContext> = .select(.attribute(named: "name", value: "st_\(k)"),
                                                         .attribute(named: "aria-label", value: "\(place): estado"), invalid("st_\(k)", errors),
                                                         .forEach(stateOptions) { o in .opt(o.0, o.1, selected: o.0 == av.state) })
        let justification: Node<HTML.BodyContext> = .selfClosedElement(named: "input", attributes: [
            .type(.text), .name("js_\(k)"), .value(av.justification), .attribute(named: "aria-label", value: "\(place): justificación"),
        ] + invalid("js_\(k)", errors))
        return .tr(
            .td(.strong(.text(place)), summary),
            .td(.class("nowrap small"), .text("\(a.fechaInicial?.dayFirst ?? "—") a \(a.fechaFinal?.dayFirst ?? "—")")),
            .td(.class("small"), .text(suggested?.label ?? "—"), expectedNode),
            .td(.class("small"), reportedNode(reported, actionID: k)),
            .td(cell("pct_\(k)", errors, percentInput)),
            .td(.textarea(.name("ev_\(k)"), .rows(2), .attribute(named: "aria-label", value: "\(place): evidencias"), .text(av.evidence))),
            .td(.textarea(.name("obs_\(k)"), .rows(2), .attribute(named: "aria-label", value: "\(place): observaciones"), .text(av.observations))),
            .td(cell("st_\(k)", errors, stateSelect)),
            .td(cell("js_\(k)", errors, justification)))
    }

    static func reportedNode(_ r: Reported?, actionID: String) -> Node<HTML.BodyContext> {
        guard let r else { return .text("Sin autoreporte") }
        return .group(
            .strong(.text(r.percent.map { SpanishFormat.percent($0) } ?? "sin %")), .text(" · " + String(r.text.prefix(160))),
            .forEach(r.links) { .div(.link($0, $0)) },
            .forEach(r.files) { .div(.a(.href(SiteURL.evidence(.value($0.0)).path), .text("Archivo: " + $0.1))) },
            .if(r.percent != nil, .div(.button(.type(.submit), .class("link"), .attribute(named: "name", value: "aceptar"),
                                                .attribute(named: "value", value: actionID), .text("Usar el % reportado")))))
    }

    /// A control of the table and, when it was refused, its message, which the control names (`invalid`).
    static func cell(_ name: String, _ errors: [String: String], _ control: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        .group(control, .unwrap(errors[name]) { .div(.id("\(name)-error"), .class("error"), .text($0)) })
    }

    /// A refused control is aria-invalid and described by its message, which `cell` writes under it.
    static func invalid(_ name: String, _ errors: [String: String]) -> [Attribute<HTML.InputContext>] {
        errors[name] == nil ? [] : [.attribute(named: "aria-invalid", value: "true"), .attribute(named: "aria-describedby", value: "\(name)-error")]
    }

    static func invalid<C>(_ name: String, _ errors: [String: String]) -> Node<C> {
        errors[name] == nil ? .empty : .group(.attribute(named: "aria-invalid", value: "true"), .attribute(named: "aria-describedby", value: "\(name)-error"))
    }

    static func findingRow(_ f: FindingSnapshot, _ v: RoundValues, _ errors: [String: String]) -> Node<HTML.TableContext> {
        let k = f.id!.uuidString
        let fv = v.findings[f.id!] ?? .init()
        // CERRADO comes only from a review of eficacia and efectividad; one imported from a spreadsheet stays as it was.
        let options = [("", "Según las reglas"), (FindingState.abierto.rawValue, "ABIERTO")]
            + (fv.state == FindingState.cerrado.rawValue ? [(FindingState.cerrado.rawValue, "CERRADO")] : [])
        return .tr(.class("total"),
            .td(.attribute(named: "colspan", value: "7"), .text("Estado del hallazgo \(f.numero) (ABIERTO hasta que una revisión de eficacia y efectividad lo cierre)")),
            .td(cell("fst_\(k)", errors, .select(.attribute(named: "name", value: "fst_\(k)"),
                .attribute(named: "aria-label", value: "Hallazgo \(f.numero): estado"), invalid("fst_\(k)", errors),
                .forEach(options) { o in .opt(o.0, o.1, selected: o.0 == fv.state) }))),
            .td(cell("fjs_\(k)", errors, .selfClosedElement(named: "input", attributes: [
                .type(.text), .name("fjs_\(k)"), .value(fv.justification), .attribute(named: "aria-label", value: "Hallazgo \(f.numero): justificación"),
            ] + invalid("fjs_\(k)", errors)))))
    }
}
