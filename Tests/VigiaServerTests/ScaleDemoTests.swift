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
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let documents = try ["c1", "c2"].map {
                try ImportSource.text(try String(contentsOf: root.appendingPathComponent("Samples/seguimiento-paac-demo-2026-\($0).txt"),
                                                 encoding: .utf8)).program().program
            }
            let program = try #require(ScaleDemo.program(from: documents))
            let totals = try await ScaleDemo.load(.init(entities: 2, actionsPerEntity: 30, auditPerEntity: 7, evidenceEvery: 4), sample: sample,
                                                  program: program, at: app.now, on: app.db)
            try await ScaleDemo.storeEvidence(app: app)
            // 30 actions need 3 plans of the sample's 13 actions.
            #expect(totals.entities == 2 && totals.plans == 6 && totals.actions == 6 * 13)
            #expect(totals.grades == 6 * 13 * 3 && totals.auditEvents == 14)
            #expect(totals.programs == 2 && totals.evidence == 2 * 10)   // one action in 4 of 39: 10 per entity
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
            // Its program holds both cuatrimestres' seguimiento, as the demo's does.
            let stored = try #require(try await AnticorruptionProgram.query(on: app.db).filter(\.$entity.$id == entityID).first())
            let programSnapshot = try await ProgramStore.snapshot(of: stored, on: app.db)
            #expect(programSnapshot.activityCount == program.activityCount && programSnapshot.activityCount > 0)
            let periods = Set(programSnapshot.componentes.flatMap(\.actividades).flatMap(\.seguimientos).map(\.periodo))
            #expect(periods == [1, 2], "\(periods)")
            #expect(try await oci.get("/programas/\(try stored.requireID())").status == .ok)
            // Its autoreportes carry a file that downloads.
            let evidence = try #require(try await ReportEvidence.query(on: app.db).filter(\.$entity.$id == entityID).first())
            let download = try await oci.get("/evidencias/\(try evidence.requireID())")
            #expect(download.status == .ok && Data(download.body.readableBytesView) == ScaleDemo.evidencePDF)
            #expect(try await ProgressReport.query(on: app.db).filter(\.$entity.$id == entityID).count() == 10)
            _ = fx
        }
    }

    @Test("Sizes outside their ranges are refused with nothing written", arguments: [TestDB.sqlite])
    func refused(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let sample = try ImportSource.text(try samplePlanText()).plan().plan
            let before = try await Entity.query(on: app.db).count()
            for options in [ScaleDemo.Options(entities: 0), .init(entities: 100_001), .init(entities: 1, actionsPerEntity: -5),
                            .init(entities: 1, actionsPerEntity: 0), .init(entities: 1, auditPerEntity: -1), .init(entities: 1, evidenceEvery: -1)] {
                await #expect(throws: ValidationFailure.self) {
                    _ = try await ScaleDemo.load(options, sample: sample, program: nil, at: app.now, on: app.db)
                }
            }
            #expect(try await Entity.query(on: app.db).count() == before)
        }
    }

    @Test("An entity with 60 plans: the list pages by 50 and filters by dependencia and estado; the home draws the 12 newest", arguments: TestDB.all)
    func pagesAndFilters(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let sample = try ImportSource.text(try samplePlanText()).plan().plan
            let totals = try await ScaleDemo.load(.init(entities: 1, actionsPerEntity: 60 * 13, auditPerEntity: 0), sample: sample,
                                                  program: nil, at: app.now, on: app.db)
            var oci = Browser(app)
            try await oci.signIn("oci@e00001.escala.gov.co", password: totals.password)
            func rows(_ html: String) -> Int { html.components(separatedBy: "<td><a href=\"/planes/").count - 1 }
            let first = try await oci.get("/planes").body.string
            #expect(first.contains("60 planes · página 1 de 2") && rows(first) == 50)
            // Newest first: plan N is dated N − 1 seconds before plan 1, so page 1 opens with AUD-00001-1 and page 2 ends with AUD-00001-60.
            #expect(first.contains("AUD-00001-1<") && !first.contains("AUD-00001-60<"))
            #expect(first.contains("href=\"/planes?pagina=2\""))
            let second = try await oci.get("/planes?pagina=2").body.string
            #expect(rows(second) == 10 && second.contains("AUD-00001-60<") && second.contains("« Más recientes"))
            let hacienda = try #require(try await Dependency.query(on: app.db).filter(\.$name == "Secretaría de Hacienda")
                .filter(\.$entity.$id == (try await Entity.query(on: app.db).filter(\.$nit == "900000001-1").first()?.id ?? UUID())).first()?.id)
            let filtered = try await oci.get("/planes?dependencia=\(hacienda)").body.string
            #expect(filtered.contains("12 planes") && rows(filtered) == 12)
            let csv = try await oci.get("/planes?dependencia=\(hacienda)&formato=csv").body.string
            #expect(csv.split(whereSeparator: \.isNewline).count == 1 + 12, "\(csv.prefix(300))")   // header, rows
            let closed = try await oci.get("/planes?estado=cerrado").body.string
            #expect(closed.contains("0 planes") && closed.contains("No hay planes de mejoramiento para mostrar."))
            #expect(try await oci.get("/planes?pagina=-4&estado=%3Cscript%3E").status == .ok)
            let past = try await oci.get("/planes?pagina=7").body.string
            #expect(past.contains("página 2 de 2") && rows(past) == 10)
            // Acciones: 780 in pages of 100, the download with all of them.
            func actionRows(_ html: String) -> Int { html.components(separatedBy: "<tr><td><a href=\"/planes/").count - 1 }
            let actions = try await oci.get("/acciones").body.string
            #expect(actions.contains("780 acciones") && actions.contains("página 1 de 8") && actionRows(actions) == 100)
            let last = try await oci.get("/acciones?pagina=8").body.string
            #expect(actionRows(last) == 80 && last.contains("« Anteriores") && !last.contains("Siguientes »"))
            let all = try await oci.get("/acciones?formato=csv").body.string
            #expect(all.split(whereSeparator: \.isNewline).count == 1 + 780)
            let home = try await oci.get("/").body.string
            #expect(home.contains("Se muestran los 12 planes más recientes; 48 más están en"))
        }
    }
}
