import Fluent
import Foundation
import Vapor
import VigiaCore

/// The plan as the B-I-007 document at the chosen round, with what the user may do, the
/// checks, the change log, the signatures, the publications and the audit trail.
enum PlanPage {
    struct Model: Sendable {
        /// Which finding and action a row of the document's table shows (for the edit links).
        struct RowLinks: Sendable, Equatable {
            var findingID: UUID?
            var actionID: UUID?
            /// The first row of a finding, where its number is.
            var startsFinding: Bool
        }

        struct AuditRow: Sendable, Equatable {
            var at: Date
            var userName: String
            var summary: String
            var field: String?
            var oldValue: String?
            var newValue: String?
        }

        var id: UUID
        var format: FormatHeader
        var unidadAuditable: String
        var numeroAuditoria: String
        var periodoAuditoria: String
        var fechaSuscripcion: LocalDate?
        var origin: PlanOrigin
        /// A CGR plan's semester cut-offs to report in SIRECI's F14.1, newest first (empty for other origins).
        var f14Cuts: [LocalDate] = []
        var status: PlanStatus
        var evaluation: RoundEvaluation
        /// The B-I-007 document at `evaluation.numero`; the page's table is its first section.
        var document: ReportDocument
        var notes: [PlanReportRowNotes]
        var links: [RowLinks]
        var rounds: [Int]
        var roundPublished: Bool
        /// The latest round still open to autoreportes.
        var openRound: Int?
        var canFormulate: Bool
        var canGrade: Bool
        /// The round shown exists and its grades may still change.
        var canGradeRound: Bool
        var isResponsable: Bool
        var checks: [CheckResult]
        var changeLog: [ChangeLogSnapshot]
        var signatures: [SignatureSnapshot]
        var publications: [PublicationSummary]
        var events: [AuditRow]
        /// The closing of findings (reviews and reformulations); nil in formulation.
        var closing: Closing?

        var round: Int? { evaluation.numero }
        var displayName: String { unidadAuditable.isEmpty ? "(sin unidad auditable)" : unidadAuditable }
    }
}

extension PlanPage.Model {
    /// `plan` has been authorised for reading; `round` nil means the latest.
    static func query(on db: Database, user: CurrentUser, today: LocalDate, plan: ImprovementPlan, round: Int?) async throws -> Self {
        let s = try await PlanStore.snapshot(of: plan, on: db)
        if let round, !s.seguimientos.contains(where: { $0.numero == round }) {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(round).")
        }
        let planID = try plan.requireID()
        let entity = try await Entity.find(user.entityID, on: db)
        let events = try await AuditEvent.query(on: db).filter(\.$planID == planID)
            .filter(\.$entity.$id == user.entityID).sort(\.$at, .descending).range(..<200).all()
        let publications = try await Publication.query(on: db).filter(\.$planID == planID).summaryFields()
            .sort(\.$numero).sort(\.$version).all()
        let e = PlanEvaluator.evaluate(s, round: round)
        let notes = PlanReportNotes.build(s, round: round)
        let shown = e.numero.flatMap { n in s.seguimientos.first { $0.numero == n } }
        return .init(
            id: planID, format: s.formato, unidadAuditable: s.unidadAuditable, numeroAuditoria: s.numeroAuditoria,
            periodoAuditoria: s.periodoAuditoria, fechaSuscripcion: s.fechaSuscripcion, origin: s.origen,
            f14Cuts: s.origen == .contraloriaGeneral ? F14Report.recentCuts(today: today) : [], status: s.estado,
            evaluation: e, document: PlanReport.build(s, round: round), notes: notes, links: notes.map { links($0, in: s) },
            rounds: s.seguimientos.map(\.numero),
            roundPublished: shown?.estado == .publicado,
            openRound: s.seguimientos.last(where: { $0.estado == .borrador })?.numero,
            canFormulate: PlanPermissions.canFormulate(role: user.role, status: s.estado),
            canGrade: PlanPermissions.canGrade(role: user.role),
            canGradeRound: shown.map { PlanPermissions.canGradeRound(role: user.role, round: $0.estado) } ?? false, isResponsable: user.role.seesOwnDependencyOnly,
            checks: PlanChecks.run(s, settings: CheckSettings(maxPlanMonths: entity?.maxPlanMonths)),
            changeLog: s.controlDeCambios, signatures: s.firmas, publications: publications.map(PublicationSummary.init),
            events: events.map { AuditRow(at: $0.at, userName: $0.userName, summary: $0.summary, field: $0.field,
                                          oldValue: $0.oldValue, newValue: $0.newValue) },
            closing: s.estado == .formulacion ? nil : try await PlanPage.Closing.build(s, status: s.estado, role: user.role, on: db))
    }

    static func links(_ row: PlanReportRowNotes, in s: PlanSnapshot) -> RowLinks {
        guard let fi = row.finding, fi < s.hallazgos.count else { return RowLinks(findingID: nil, actionID: nil, startsFinding: false) }
        let finding = s.hallazgos[fi]
        let action = row.action.flatMap { $0 < finding.acciones.count ? finding.acciones[$0].id : nil }
        return RowLinks(findingID: finding.id, actionID: action, startsFinding: (row.action ?? 0) == 0)
    }
}
