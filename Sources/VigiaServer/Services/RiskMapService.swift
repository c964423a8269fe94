import Fluent
import Foundation
import SQLKit
import Vapor
import VigiaCore

/// Changes to a mapa de riesgos de corrupción from the web and the API: a new map, its risks,
/// controls and actions (formulation), and the OCI's seguimiento of a period. Each change is one
/// transaction that reads the map, applies a VigiaCore rule to it, writes it only over the revision
/// read (and, when the form sent one, only if it is still the revision the user saw), raises the
/// entity's revision and records the audit trail.
enum RiskMapService {
    /// Who may do what (VigiaCore's rules), as a 403.
    static func requireFormulation(_ user: CurrentUser) throws {
        if let refusal = RiskMapPermissions.formulationRefusal(role: user.role) { throw Abort(.forbidden, reason: refusal) }
    }

    static func requireFollowUp(_ user: CurrentUser) throws {
        if let refusal = RiskMapPermissions.followUpRefusal(role: user.role) { throw Abort(.forbidden, reason: refusal) }
    }

    /// A new, empty map for `vigencia` with one of the built-in methodologies (or the entity's copy).
    static func create(vigencia: String, methodology: String, ctx: UseCaseContext) async throws -> UUID {
        try requireFormulation(ctx.user)
        var e: [String: String] = [:]
        let year = Int(vigencia.trimmed).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if year == nil { e["vigencia"] = "Vigencia: «\(String(vigencia.prefix(20)))» no es un año entre 2000 y 2100." }
        let m = try await RiskMethodologyService.resolve(methodology, entityID: ctx.entityID, on: ctx.db)
        if m == nil { e["metodologia"] = "Metodología: elija una de la lista." }
        try InvalidInput.check(e)
        guard let year, let m else { throw InvalidInput(e) }
        let entity = try await Entity.find(ctx.entityID, on: ctx.db)
        let exists = InvalidInput(field: "vigencia", "Vigencia: ya existe el mapa de riesgos de corrupción \(year).")
        do {
            return try await insert(year: year, methodology: m, entityName: entity?.name ?? "", exists: exists, ctx: ctx)
        } catch where isDuplicate(error) {
            throw exists   // created by someone else at the same moment
        }
    }

    static func insert(year: Int, methodology m: RiskMethodology, entityName: String, exists: InvalidInput, ctx: UseCaseContext) async throws -> UUID {
        try await ctx.db.transaction { db in
            if try await RiskMapRecord.query(on: db).filter(\.$entity.$id == ctx.entityID).filter(\.$vigencia == year).first() != nil { throw exists }
            let record = try RiskMapRecord(entityID: ctx.entityID, map: RiskMap(entidad: entityName, vigencia: year, metodologia: m))
            record.revision = 1
            try await record.save(on: db)
            try await EntityRevision.bump(ctx.entityID, on: db)
            try await AuditLog.record("Creó el mapa de riesgos de corrupción \(year) (\(m.nombre))" + ctx.auditSuffix, by: ctx.actor,
                                      entityID: ctx.entityID, objectType: "mapa de riesgos", objectID: record.id, planID: nil, on: db)
            return try record.requireID()
        }
    }

    /// Applies `apply` to the map `id` of the user's entity and writes it. `seen`: the revision the
    /// user's form was built on (nil from the API without `revision`): a map changed since is refused
    /// with 409, so a form never writes over a change it did not show. `precheck` runs first, inside
    /// the transaction and after the map's row is locked (a monitoreo that would stop a deletion).
    /// Returns what `apply` returns.
    @discardableResult
    static func change<T: Sendable>(_ id: UUID, seen: Int?, ctx: UseCaseContext, summary: String,
                                    precheck: (@Sendable (Database) async throws -> Void)? = nil,
                                    _ apply: @escaping @Sendable (inout RiskMap) throws(RiskMapEditError) -> T) async throws -> T {
        try await ctx.db.transaction { db in
            let record = try await lockedRead(id, entityID: ctx.entityID, on: db)
            if let seen, seen != record.revision { throw conflict(record.vigencia) }
            try await precheck?(db)
            var map = try record.map()
            let before = map
            let result: T
            do throws(RiskMapEditError) { result = try apply(&map) } catch { throw InvalidInput(error.problems) }
            guard map != before else { return result }
            try record.set(map)
            guard let sql = db as? SQLDatabase, try await sql.raw("""
                UPDATE risk_maps SET document = \(bind: record.document), revision = revision + 1 WHERE id = \(bind: id) AND revision = \(bind: record.revision) RETURNING id
                """).first() != nil else { throw conflict(record.vigencia) }
            try await EntityRevision.bump(ctx.entityID, on: db)
            try await AuditLog.record(summary + " del mapa de riesgos de corrupción \(map.vigencia)" + ctx.auditSuffix, by: ctx.actor,
                                      entityID: ctx.entityID, objectType: "mapa de riesgos", objectID: id, planID: nil,
                                      changes: RiskMapAudit.changes(before, map), on: db)
            return result
        }
    }

    /// The map `id` of the entity, its row locked until the transaction ends (an UPDATE that changes
    /// nothing): every writer of a map, or of what hangs on its positions (a monitoreo, a publication),
    /// takes it first, so they run one after another on PostgreSQL as on SQLite.
    static func lockedRead(_ id: UUID, entityID: UUID, on db: Database) async throws -> RiskMapRecord {
        guard let sql = db as? SQLDatabase,
              try await sql.raw("UPDATE risk_maps SET revision = revision WHERE id = \(bind: id) AND entity_id = \(bind: entityID) RETURNING id").first() != nil,
              let record = try await RiskMapRecord.query(on: db).filter(\.$id == id).filter(\.$entity.$id == entityID).first() else {
            throw Abort(.notFound, reason: "No existe el mapa de riesgos solicitado o usted no tiene acceso a él.")
        }
        return record
    }

    /// A unique index said no: someone did the same at the same moment.
    static func isDuplicate(_ error: any Error) -> Bool { (error as? any DatabaseError)?.isConstraintFailure == true }

    static func conflict(_ vigencia: Int) -> Abort {
        Abort(.conflict, reason: "El mapa de riesgos \(vigencia) cambió mientras usted lo editaba: vuelva a abrirlo y repita el cambio.")
    }

    /// The map `id` of the user's entity with its revision, for a form (404 for any other entity's).
    static func read(_ id: UUID, entityID: UUID, on db: Database) async throws -> (map: RiskMap, revision: Int) {
        guard let record = try await RiskMapRecord.query(on: db).filter(\.$id == id).filter(\.$entity.$id == entityID).first(),
              let map = try? record.map() else {
            throw Abort(.notFound, reason: "No existe el mapa de riesgos solicitado o usted no tiene acceso a él.")
        }
        return (map, record.revision)
    }
}
