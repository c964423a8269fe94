import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import VigiaServer

/// The statements every page runs, as PostgreSQL plans them with sequential scans priced out
/// (`SET LOCAL enable_seqscan = off`): each must be served by an index, so its cost follows the
/// rows it returns and not the size of the table. A statement without a usable index still gets
/// a "Seq Scan" in its plan, and the test names it.
@Suite("PostgreSQL plans every page's statements on an index")
struct QueryPlanTests {
    @Test("Sessions, users, plan lists, digests, plan rows, audit trail, notifications", arguments: TestDB.all.filter { $0 == .postgres })
    func everyStatementUsesAnIndex(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let plan = fx.planA.uuidString, entity = fx.entityA.uuidString, dependency = fx.hacienda.uuidString
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "oci@a.gov.co").first()?.id).uuidString
            let statements: [(String, String)] = [
                ("sesión con su usuario y su entidad", SessionStore.readStatement + "'x' LIMIT 1"),
                ("acceso a un plan y su revisión", Access.planRevisionStatement + "'\(entity)' AND id = '\(plan)' LIMIT 1"),
                ("revisión de la entidad tras un cambio",
                 "UPDATE entities SET revision = revision + 1 WHERE id = (SELECT entity_id FROM improvement_plans WHERE id = '\(plan)')"),
                ("revisión de un programa", "SELECT id, revision FROM anticorruption_programs WHERE id IN ('\(plan)')"),
                ("usuario con su entidad", """
                    SELECT users.name, entities.zone_low_below FROM users JOIN entities ON users.entity_id = entities.id
                    WHERE users.id = '\(user)'
                    """),
                ("lista de planes", """
                    SELECT id, revision, digest_revision FROM improvement_plans WHERE entity_id = '\(entity)'
                    ORDER BY created_at DESC, id LIMIT 50
                    """),
                ("planes de una dependencia", "SELECT COUNT(*) FROM improvement_plans WHERE entity_id = '\(entity)' AND dependency_id = '\(dependency)'"),
                ("revisiones", "SELECT id, revision FROM improvement_plans WHERE id IN ('\(plan)')"),
                ("hallazgos", "SELECT * FROM findings WHERE plan_id IN ('\(plan)') ORDER BY numero"),
                ("acciones", "SELECT a.* FROM actions a JOIN findings f ON a.finding_id = f.id WHERE f.plan_id IN ('\(plan)')"),
                ("calificaciones", "SELECT g.* FROM action_assessments g JOIN follow_up_rounds r ON g.round_id = r.id WHERE r.plan_id IN ('\(plan)')"),
                ("auditoría de la entidad", "SELECT * FROM audit_events WHERE entity_id = '\(entity)' ORDER BY at DESC, id DESC LIMIT 100"),
                ("mapas de riesgos de la entidad", "SELECT id, vigencia FROM risk_maps WHERE entity_id = '\(entity)'"),
                ("auditoría del plan", "SELECT * FROM audit_events WHERE plan_id = '\(plan)' ORDER BY at DESC LIMIT 100"),
                ("notificaciones", "SELECT * FROM notifications WHERE user_id = '\(user)' ORDER BY created_at DESC LIMIT 50"),
                ("autoreportes de un seguimiento", "SELECT * FROM progress_reports WHERE round_id IN ('\(plan)')"),
            ]
            for (name, statement) in statements {
                let lines: [String] = try await app.db.transaction { tx in
                    guard let sql = tx as? SQLDatabase else { return [] }
                    try await sql.raw("SET LOCAL enable_seqscan = off").run()
                    return try await sql.raw("EXPLAIN \(unsafeRaw: statement)").all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }
                }
                #expect(!lines.isEmpty, "\(name)")
                #expect(!lines.contains { $0.contains("Seq Scan") }, "\(name): \(lines.joined(separator: " | "))")
            }
        }
    }
}
