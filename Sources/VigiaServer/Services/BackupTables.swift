import Fluent
import Foundation
import Vapor

/// One table as the backup copies it: every row through its Fluent model, written as JSON
/// (the same for SQLite and PostgreSQL, so a backup of one restores into the other) and read
/// back with every column as it was, timestamps included.
struct BackupTable: Sendable {
    let name: String
    let dump: @Sendable (Database) async throws -> (json: Data, rows: Int)
    let load: @Sendable (Data, Database) async throws -> Int

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    /// `first` orders rows that others in the same table point at (sub-items after their activity).
    static func of<M: Model>(_ type: M.Type, first: (@Sendable (M) -> Bool)? = nil) -> BackupTable {
        BackupTable(
            name: M.schema,
            dump: { db in
                let rows = try await M.query(on: db).all()
                return (try encoder.encode(rows), rows.count)
            },
            load: { data, db in
                var rows = try JSONDecoder().decode([M].self, from: data)
                if let first { rows = rows.filter(first) + rows.filter { !first($0) } }
                // A few multi-row INSERTs, never thousands of statements.
                try await BulkInsert.insert(rows, maxRows: 200, on: db)
                return rows.count
            })
    }

    /// Every table with the entity's data, parents before children. Sessions, login throttles
    /// and one-time password links are left out: they belong to the running server.
    static let all: [BackupTable] = [
        .of(Entity.self), .of(Dependency.self), .of(User.self), .of(ImprovementPlan.self), .of(Finding.self), .of(Action.self),
        .of(ActionDependency.self), .of(FollowUpRound.self), .of(ActionGrade.self), .of(FindingGrade.self), .of(FindingReview.self), .of(ActionReformulation.self),
        .of(ChangeLogEntry.self), .of(Signature.self), .of(AuditEvent.self), .of(ApiToken.self),
        .of(AnticorruptionProgram.self), .of(ProgramComponent.self), .of(FollowUpPeriod.self),
        .of(ProgramActivity.self, first: { $0.$parent.id == nil }), .of(ActivityDependency.self), .of(ActivityFollowUp.self),
        .of(ProgramSignature.self), .of(ProgramTemplateRecord.self), .of(RiskMapRecord.self), .of(RiskMethodologyRecord.self), .of(EvidenceFile.self), .of(ProgressReport.self),
        .of(ReportEvidence.self), .of(Publication.self), .of(CalendarToken.self), .of(Notification.self),
    ]
}
