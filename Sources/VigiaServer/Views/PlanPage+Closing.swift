import Fluent
import Foundation
import Plot
import VigiaCore

/// The plan page's «Cierre de hallazgos y reformulaciones»: each finding's state today, its
/// reviews of eficacia and efectividad, its actions' reformulations, and the links to review,
/// propose and decide that the user's role allows.
extension PlanPage {
    struct Closing: Sendable {
        struct Reformulation: Sendable {
            var id: UUID?
            var actionLabel: String
            var snapshot: ReformulationSnapshot
            var successorLabel: String?
        }

        struct Finding: Sendable {
            var id: UUID?
            var numero: Int
            var state: FindingState
            var reviews: [FindingReviewSnapshot]
            var reformulations: [Reformulation]
            /// The actions the user may propose to reformulate: (action id, "2.1").
            var proposable: [(id: UUID, label: String)]
            var canReview: Bool
            /// Why a review cannot be recorded yet (for the OCI).
            var notReady: String?
        }

        var findings: [Finding]
        /// The review evidence files, by review id: (file id, name).
        var evidence: [UUID: [(id: UUID, name: String)]]
        var canDecide: Bool

        var pending: [Reformulation] { findings.flatMap(\.reformulations).filter { $0.snapshot.estado == .pendiente } }
    }
}

extension PlanPage.Closing {
    static func build(_ s: PlanSnapshot, status: PlanStatus, role: Role, on db: Database) async throws -> Self {
        let e = PlanEvaluator.current(s)
        let reviewIDs = s.hallazgos.flatMap { $0.reviews.compactMap(\.id) }
        var evidence: [UUID: [(id: UUID, name: String)]] = [:]
        if !reviewIDs.isEmpty {
            for ev in try await ReportEvidence.query(on: db).filter(\.$reportKind == .effectivenessReview).filter(\.$reportID ~~ reviewIDs)
                .sort(\.$name).all() {
                evidence[ev.reportID, default: []].append((try ev.requireID(), ev.name))
            }
        }
        let reviews = PlanPermissions.reviewRefusal(role: role, status: status) == nil
        let proposes = ReformulationRules.proposeRefusal(role: role) == nil
        let findings = zip(s.hallazgos, e.hallazgos).map { f, fe in
            var reformulations: [Reformulation] = [], proposable: [(id: UUID, label: String)] = []
            for (ai, a) in f.acciones.enumerated() {
                let label = "\(f.numero).\(ai + 1)"
                for r in a.reformulaciones ?? [] {
                    let successor = r.sucesora.flatMap { id in f.acciones.firstIndex { $0.id == id } }.map { "\(f.numero).\($0 + 1)" }
                    reformulations.append(Reformulation(id: r.id, actionLabel: label, snapshot: r, successorLabel: successor))
                }
                if proposes, let id = a.id, ReformulationRules.actionRefusal(a, state: fe.acciones[ai].estado, planStatus: status) == nil {
                    proposable.append((id, label))
                }
            }
            return Finding(id: f.id, numero: f.numero, state: fe.estado, reviews: f.reviews, reformulations: reformulations,
                           proposable: proposable, canReview: reviews, notReady: reviews ? FindingReviewRules.readinessProblem(f, fe) : nil)
        }
        return .init(findings: findings, evidence: evidence, canDecide: ReformulationRules.decideRefusal(role: role) == nil)
    }
}

extension PlanPage.View {
    static func closing(_ m: PlanPage.Model) -> Node<HTML.BodyContext> {
        guard let c = m.closing, m.status != .formulacion else { return .empty }
        let planID = m.id
        return .section(.id("cierre"),
            .h2("Cierre de hallazgos y reformulaciones"),
            .p(.class("small"), .text("Un hallazgo se cierra solo con una revisión de eficacia y efectividad de la OCI que lo concluya EFICAZ y EFECTIVO. Una acción que no funcionó se reformula: la dependencia o la OCI la proponen y quien aprueba en la entidad decide.")),
            .if(!c.pending.isEmpty, .div(.class("flash"), .attribute(named: "role", value: "status"),
                .strong(.text("Reformulaciones pendientes de decisión: ")),
                .forEach(c.pending) { r in
                    .span(.a(.href(SiteURL.reformulation(.value(planID), .value(r.id ?? UUID())).path),
                             .text("acción \(r.actionLabel) (\(r.snapshot.proponente), \(r.snapshot.fechaPropuesta.dayFirst))")), .text(" "))
                })),
            .scrollBox("Cierre de hallazgos", .table(.class("list"),
                .thead(.tr(.th("Hallazgo"), .th("Estado hoy"), .th("Revisiones de eficacia y efectividad"), .th("Reformulaciones"), .th("Acciones"))),
                .tbody(.forEach(c.findings) { f in
                    .tr(.td(.text("\(f.numero)")),
                        .td(.strong(.text(f.state.label))),
                        .td(f.reviews.isEmpty ? .text("Sin revisiones") : .ul(.forEach(f.reviews) { r in
                            .li(.text("\(r.fecha.dayFirst): \(r.eficacia.label), \(r.efectividad.label) → \(r.decision.label.lowercased()) (\(r.revisor))"),
                                .forEach(r.id.flatMap { c.evidence[$0] } ?? []) { file in
                                    .span(.text(" · "), .a(.href(SiteURL.evidence(.value(file.id)).path), .text(file.name)))
                                })
                        })),
                        .td(f.reformulations.isEmpty ? .text("—") : .ul(.forEach(f.reformulations) { r in
                            .li(.a(.href(SiteURL.reformulation(.value(planID), .value(r.id ?? UUID())).path),
                                   .text("Acción \(r.actionLabel): \(r.snapshot.estado.label.lowercased())")),
                                .text(r.snapshot.fechaDecision.map { " el \($0.dayFirst)" } ?? " (propuesta el \(r.snapshot.fechaPropuesta.dayFirst))"),
                                .unwrap(r.successorLabel) { .text("; la reemplaza la acción \($0)") })
                        })),
                        .td(.if(f.canReview, .div(.a(.href(SiteURL.findingReview(.value(planID), .value(f.id ?? UUID())).path),
                                                     .text(f.notReady == nil ? "Revisar eficacia y efectividad" : "Revisión (aún no: acciones sin cumplir)")))),
                            .if(!f.proposable.isEmpty, .div(.text("Reformular la acción: "),
                                .forEach(f.proposable) { a in
                                    .group(.a(.href(SiteURL.reformulateAction(.value(planID), .value(a.id)).path),
                                              .attribute(named: "aria-label", value: "Reformular la acción \(a.label)"), .text(a.label)), .text(" "))
                                }))))
                }))))
    }
}
