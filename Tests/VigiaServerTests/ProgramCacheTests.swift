import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("Program snapshots cached by revision")
struct ProgramCacheTests {
    @Test("After each kind of change the cached program equals one read from the rows, and its revision rose", arguments: TestDB.all)
    func changesShowAtOnce(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let id = try await loadSampleProgram(app)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            var revision = try #require(try await ProgramRevision.of([id], on: app.db)[id])
            func check(_ step: String, _ expected: (ProgramSnapshot) -> Bool) async throws {
                let program = try #require(try await AnticorruptionProgram.find(id, on: app.db))
                let cached = try await ProgramStore.snapshot(of: program, on: app.db)
                let fresh = try await ProgramStore.read(program, on: app.db)
                #expect(cached == fresh, "\(step): the cache serves an older program")
                #expect(expected(cached), "\(step): the change is not in the snapshot")
                let now = try #require(try await ProgramRevision.of([id], on: app.db)[id])
                #expect(now > revision, "\(step): the revision did not rise")
                revision = now
                #expect(try await oci.get("/programas/\(id)").status == .ok)
            }
            _ = try await programSnapshot(app, id)   // cached at the first revision
            let lines = ActivityLine.lines(of: try await programSnapshot(app, id)).filter(\.takesPercent)
            let first = try #require(lines.first), second = try #require(lines.dropFirst().first)

            _ = try await oci.get("/programas/\(id)/periodos/3/seguimiento")
            #expect(try await oci.post("/programas/\(id)/periodos/3/seguimiento",
                                       ["pct_\(first.id)": "55", "seg_\(first.id)": "Verificado en el tercer cuatrimestre"]).status == .seeOther)
            try await check("seguimiento") { s in
                ActivityLine.lines(of: s).first { $0.id == first.id }?.activity.followUp(3)?.seguimiento == "Verificado en el tercer cuatrimestre"
            }

            let api = try await oci.json(.PUT, "/api/v1/programs/\(id)/periods/3/seguimiento",
                                         JSONBody.o(["actividades": .a([.o(["actividadId": .s(second.id.uuidString), "porcentaje": .n(20)])])]))
            #expect(api.status == .ok)
            try await check("seguimiento por la API") { s in
                ActivityLine.lines(of: s).first { $0.id == second.id }?.activity.followUp(3)?.porcentaje == 20
            }

            let dates = try await oci.json(.PUT, "/api/v1/programs/\(id)/periods/3",
                                           ["fechaCorte": "2026-12-31", "fechaLimitePublicacion": "2027-01-20"])
            #expect(dates.status == .ok)
            try await check("fechas del periodo") { $0.periodos.first { $0.numero == 3 }?.fechaLimitePublicacion == LocalDate(year: 2027, month: 1, day: 20) }

            _ = try await admin.get("/administracion/entidad")
            #expect(try await admin.post("/administracion/entidad", EntityDocumentSettingsTests.settings(["nombre": "Alcaldía de Prueba A"])).status == .seeOther)
            try await check("nombre de la entidad") { $0.entidad == "Alcaldía de Prueba A" }

            // A change written past the services but audited as the services do raises it too.
            try await app.db.transaction { tx in
                let activity = try #require(try await ProgramActivity.find(first.id, on: tx))
                activity.meta = "Meta ajustada"
                try await activity.save(on: tx)
                try await AuditLog.record("Modificó la actividad", by: .commandLine(at: app.now), entityID: activity.$entity.id,
                                          objectType: "actividad", objectID: first.id, planID: nil, programID: id, on: tx)
            }
            try await check("actividad") { s in ActivityLine.lines(of: s).first { $0.id == first.id }?.activity.meta == "Meta ajustada" }
        }
    }
}
