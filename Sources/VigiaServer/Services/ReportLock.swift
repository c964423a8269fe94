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

    /// The monitoreo of action `accion` of risk `numero` of a risk map in `period`: graded once the OCI
    /// gave it a % in the period; published once the period's seguimiento of the map is.
    static func riskMonitoring(_ map: RiskMap, period: Int, numero: Int, accion: Int, published: Bool) -> ReportLock {
        let actions = map.riesgos.first { $0.numero == numero }?.acciones ?? []
        let graded = actions.hasPosition(accion) && actions[accion - 1].followUp(period)?.porcentaje != nil
        let name = map.periodos.first { $0.numero == period }?.nombre.lowercased() ?? "periodo \(period)"
        return ReportLock(graded: graded, published: published, window: map.reportingWindow(period: period) ?? ReportingWindow(from: nil, until: nil),
                          subject: .init(report: "el monitoreo", item: "esta acción", round: "el seguimiento del mapa de riesgos del \(name)"))
    }

    /// Whether the seguimiento of `period` of map `id` has been published.
    static func riskMapPublished(_ id: UUID, period: Int, on db: Database) async throws -> Bool {
        try await Publication.query(on: db).filter(\.$kind == .riskMap).filter(\.$riskMapID == id).filter(\.$numero == period).count() > 0
    }

    /// The lock of a stored report of any kind, read from the database.
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
        case .riskMonitoring:
            guard let id = report.riskMapID, let numero = report.riskNumero, let accion = report.riskAccion, let period = report.periodo,
                  let map = try await RiskMapRecord.find(id, on: db).flatMap({ try? $0.map() }) else {
                throw Abort(.notFound, reason: "El monitoreo no existe.")
            }
            return riskMonitoring(map, period: period, numero: numero, accion: accion, published: try await riskMapPublished(id, period: period, on: db))
        case .effectivenessReview:
            // Not a progress report: a review's files are never removed.
            throw Abort(.notFound, reason: "El reporte no existe.")
        }
    }
}
