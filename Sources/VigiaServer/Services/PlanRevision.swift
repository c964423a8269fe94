import Fluent
import Foundation
import SQLKit

/// Every plan carries a revision number (M029) raised in the same transaction as any change
/// to it: `AuditLog.record` raises it for each audited change of a plan, and the changes that
/// touch every plan of an entity (its format header, a dependencia renamed or merged) raise all
/// of them. A cached snapshot or a stored digest is valid while the revision is the one it was
/// read at, in this process and in any other serving the same database.
enum PlanRevision {
    static func bump(_ planID: UUID, on db: Database) async throws {
        try await increment(on: db) { $0.where("id", .equal, planID) }
    }

    static func bumpAll(entityID: UUID, on db: Database) async throws {
        try await increment(on: db) { $0.where("entity_id", .equal, entityID) }
    }

    /// Moves every plan's revision far from any number a running process may have cached
    /// (a restore writes the rows anew, with the revisions they had in another database).
    static func renumberAll(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.update(ImprovementPlan.schema)
            .set("revision", to: SQLBinaryExpression(SQLColumn("revision"), .add, SQLBind(Int.random(in: 1_000_000...1_000_000_000)))).run()
    }

    /// Each plan's current revision.
    static func of(_ ids: [UUID], on db: Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty, let sql = db as? SQLDatabase else { return [:] }
        struct Row: Decodable { var id: UUID; var revision: Int }
        var out: [UUID: Int] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            for row in try await sql.select().column("id").column("revision").from(ImprovementPlan.schema)
                .where("id", .in, Array(ids[start..<min(ids.count, start + 500)])).all(decoding: Row.self) {
                out[row.id] = row.revision
            }
        }
        return out
    }

    private static func increment(on db: Database, _ filter: (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await filter(sql.update(ImprovementPlan.schema)
            .set("revision", to: SQLBinaryExpression(SQLColumn("revision"), .add, SQLLiteral.numeric("1")))).run()
    }
}
