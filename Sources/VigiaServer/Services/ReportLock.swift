import Fluent
import Vapor
import VigiaCore

/// What decides whether a progress report — its figures and its files — may still change:
/// the OCI's grade of the item, the round's or period's publication and its reporting window.
/// Autoreportes and monitoreos build one with their own words and ask VigiaCore's
/// `ProgressReportRules` the same question.
struct ReportLock: Sendable {
    var graded: Bool
    var published: Bool
    var window: ReportingWindow
    var subject: ProgressReportRules.Subject

    /// Why the report is closed on `day`, or nil when it is open.
    func refusal(on day: LocalDate) -> String? {
        ProgressReportRules.refusal(graded: graded, published: published, window: window, on: day, subject: subject)
    }

    /// Refuses (409) a change to a closed report.
    func check(on day: LocalDate) throws {
        if let refusal = refusal(on: day) { throw Abort(.conflict, reason: refusal) }
    }

    /// The autoreporte of an action in a round.
    static func autoreporte(graded: Bool, round: FollowUpRound) -> ReportLock {
        ReportLock(graded: graded, published: round.estado == .publicado, window: round.reportingWindow,
                   subject: .init(report: "el autoreporte", item: "esta acción", round: "el seguimiento \(round.numero)"))
    }

    /// The monitoreo of an activity (`item`, e.g. "esta actividad") in a period.
    static func monitoreo(graded: Bool, period: FollowUpPeriod, item: String = "esta actividad") -> ReportLock {
        ReportLock(graded: graded, published: period.estado == .publicado, window: period.reportingWindow,
                   subject: .init(report: "el monitoreo", item: item, round: "el \(period.nombre.lowercased())"))
    }

    /// The lock of a stored report of either kind, read from the database.
    static func of(_ report: ProgressReport, on db: Database) async throws -> ReportLock {
        switch report.kind {
        case .autoreporte:
            guard let actionID = report.$action.id, let round = try await report.$round.get(on: db) else {
                throw Abort(.notFound, reason: "El autoreporte no existe.")
            }
            return autoreporte(graded: try await ActionGrade.isGraded(action: actionID, round: round.requireID(), on: db), round: round)
        case .monitoreo:
            guard let activityID = report.$activity.id, let period = try await report.$period.get(on: db) else {
                throw Abort(.notFound, reason: "El monitoreo no existe.")
            }
            let grade = try await ActivityFollowUp.query(on: db).filter(\.$activity.$id == activityID)
                .filter(\.$period.$id == period.requireID()).first()
            return monitoreo(graded: grade?.isGraded ?? false, period: period)
        }
    }
}
