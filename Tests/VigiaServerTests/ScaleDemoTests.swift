import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
import VigiaFormats
@testable import VigiaServer

@Suite("The national data set (vigia demo --escala) writes what it says, readable by the pages")
struct ScaleDemoTests {
    @Test("Two entities of 30 actions: counts, three graded rounds per plan, and the OCI's pages", arguments: TestDB.all)
    func twoEntities(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            let sample = try ImportSource.text(try samplePlanText()).plan().plan
            let totals = try await ScaleDemo.load(.init(entities: 2, actionsPerEntity: 30, auditPerEntity: 7), sample: sample,
                                                  at: app.now, on: app.db)
            // 30 actions need 3 plans of the sample's 13 actions.
            #expect(totals.entities == 2 && totals.plans == 6 && totals.actions == 6 * 13)
            #expect(totals.grades == 6 * 13 * 3 && totals.auditEvents == 14)
            let entity = try #require(try await Entity.query(on: app.db).filter(\.$nit == "900000002-1").first())
            let entityID = try entity.requireID()
            #expect(try await ImprovementPlan.query(on: app.db).filter(\.$entity.$id == entityID).count() == 3)
            #expect(try await Action.query(on: app.db).filter(\.$entity.$id == entityID).count() == 39)
            #expect(try await User.query(on: app.db).filter(\.$entity.$id == entityID).count() == 7)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity.$id == entityID).count() == 7)
            #expect(try await Entity.query(on: app.db).filter(\.$nit == "900000001-1").count() == 1)

            // The entity's OCI signs in with the shared password and sees its plans, graded three times.
            var oci = Browser(app)
            try await oci.signIn("oci@e00002.escala.gov.co", password: totals.password)
            let list = try await oci.get("/planes")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("AUD-00002-1") && list.body.string.contains("AUD-00002-3"))
            #expect(!list.body.string.contains("AUD-00001-1"))
            let plan = try #require(try await ImprovementPlan.query(on: app.db).filter(\.$numeroAuditoria == "AUD-00002-1").first())
            let snapshot = try await PlanStore.snapshot(of: plan, on: app.db)
            #expect(snapshot.seguimientos.map(\.numero) == [1, 2, 3])
            #expect(snapshot.seguimientos.allSatisfy { $0.calificaciones.count == 13 })
            // Progress grows from round to round and never passes 100 %.
            let percents = snapshot.seguimientos.map { PlanEvaluator.evaluate(snapshot, round: $0.numero).plan.porcentaje ?? -1 }
            #expect(percents == percents.sorted() && percents.allSatisfy { $0 > 0 && $0 <= 100 }, "\(percents)")
            #expect(try await oci.get("/").status == .ok)
            #expect(try await oci.get("/planes/\(try plan.requireID())").status == .ok)
            _ = fx
        }
    }

    @Test("A number of entities outside 1…100.000 is refused with nothing written", arguments: [TestDB.sqlite])
    func refused(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let sample = try ImportSource.text(try samplePlanText()).plan().plan
            let before = try await Entity.query(on: app.db).count()
            await #expect(throws: ValidationFailure.self) {
                _ = try await ScaleDemo.load(.init(entities: 0), sample: sample, at: app.now, on: app.db)
            }
            #expect(try await Entity.query(on: app.db).count() == before)
        }
    }
}
