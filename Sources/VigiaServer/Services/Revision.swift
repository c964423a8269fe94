import Fluent
import Foundation
import SQLKit

/// Every plan (M029) and every anti-corruption program (M031) carries a revision number raised in
/// the same transaction as any change to it: `AuditLog.record` raises it for each audited change
/// of a plan or a program, and the changes that touch every plan and program of an entity (its
/// name or format header, a dependencia renamed or merged) raise all of them. A cached snapshot
/// or a stored digest is valid while the revision is the one it was read at, in this process and
/// in any other serving the same database. Raising a plan's or a program's revision raises its
/// entity's too (M032, `EntityRevision`), after the row's own: the lists of the whole entity are
/// kept by it.
struct RevisionColumn: Sendable {
    /// The table whose rows carry a `revision` column.
    let table: String
    /// Whether its rows belong to an entity whose revision rises with theirs.
    var raisesEntity = true

    func bump(_ id: UUID, on db: Database) async throws {
        try await increment(on: db) { $0.where("id", .equal, id) }
        guard raisesEntity, let sql = db as? SQLDatabase else { return }
        try await sql.raw("""
            UPDATE entities SET revision = revision + 1 WHERE id = (SELECT entity_id FROM \(unsafeRaw: table) WHERE id = \(bind: id))
            """).run()
    }

    /// Every row of the entity (its entity's revision is raised by `bumpAllRevisions`, once, last).
    func bumpAll(entityID: UUID, on db: Database) async throws {
        try await increment(on: db) { $0.where("entity_id", .equal, entityID) }
    }

    /// Moves every row's revision far from any number a running process may have cached
    /// (a restore writes the rows anew, with the revisions they had in another database).
    func renumberAll(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.update(table)
            .set("revision", to: SQLBinaryExpression(SQLColumn("revision"), .add, SQLBind(Int.random(in: 1_000_000...1_000_000_000)))).run()
    }

    /// Each row's current revision.
    func of(_ ids: [UUID], on db: Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty, let sql = db as? SQLDatabase else { return [:] }
        struct Row: Decodable { var id: UUID; var revision: Int }
        var out: [UUID: Int] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            for row in try await sql.select().column("id").column("revision").from(table)
                .where("id", .in, Array(ids[start..<min(ids.count, start + 500)])).all(decoding: Row.self) {
                out[row.id] = row.revision
            }
        }
        return out
    }

    private func increment(on db: Database, _ filter: (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await filter(sql.update(table)
            .set("revision", to: SQLBinaryExpression(SQLColumn("revision"), .add, SQLLiteral.numeric("1")))).run()
    }
}

/// Plans' revisions (`improvement_plans.revision`).
let PlanRevision = RevisionColumn(table: ImprovementPlan.schema)
/// Programs' revisions (`anticorruption_programs.revision`).
let ProgramRevision = RevisionColumn(table: AnticorruptionProgram.schema)
/// Entities' revisions (`entities.revision`): raised with every plan's and program's of the entity,
/// and by a change to its dependencias; the session's statement reads it (`CurrentUser.Row`).
let EntityRevision = RevisionColumn(table: Entity.schema, raisesEntity: false)

/// Raises every plan's and program's revision of the entity, then the entity's: its name, header or
/// dependencias changed.
///
/// Lock order (PostgreSQL holds each updated row until commit): a transaction locks the plan and
/// program rows it changes first and the `entities` row last, and a change that also saves the entity
/// (settings, logo) saves it after this call. Two transactions that follow it cannot wait for each
/// other in a cycle, except one that raises two plans or programs separately, which no use case does.
func bumpAllRevisions(entityID: UUID, on db: Database) async throws {
    try await PlanRevision.bumpAll(entityID: entityID, on: db)
    try await ProgramRevision.bumpAll(entityID: entityID, on: db)
    try await EntityRevision.bump(entityID, on: db)
}
