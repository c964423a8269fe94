import Fluent
import Foundation
import Testing
import Vapor
import VigiaCore
@testable import VigiaServer

private var programSeed: URL? {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    let seed = url.deletingLastPathComponent().appendingPathComponent("shared/seeds/seguimiento-paac-putumayo-2023-c2.txt")
    return FileManager.default.fileExists(atPath: seed.path) ? seed : nil
}

@Suite("Programs stored and exported", .enabled(if: programSeed != nil, "../shared/seeds is absent"))
struct ProgramStoreTests {
    @Test("The seed, imported and exported for period 2, gives the published figures", arguments: TestDB.all)
    func seedRoundTrip(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let text = try String(contentsOf: programSeed!, encoding: .utf8)
            let imported = try await VigiaTasks.importProgram(text: text, entityNIT: "800-A", at: app.now, on: app.db)
            let data = try await VigiaTasks.exportProgramJSON(id: imported.id, period: 2, method: nil, on: app.db)
            let doc = try JSONDecoder().decode(ProgramDocument.self, from: data)
            let rounded = doc.evaluacion.componentes.map { ($0.porcentaje! * 10).rounded() / 10 }
            #expect(rounded == [85.4, 55.7, 72.8, 66.0, 59.0, 49.5])
            #expect((doc.evaluacion.porcentaje! * 10).rounded() / 10 == 64.7)
            #expect(doc.evaluacion.metodo == .meanOfComponents)
            #expect(doc.evaluacion.cumplidas == 8)
            #expect(doc.programa.activityCount == 33)
            #expect(doc.programa.componentes[4].actividades[4].subitems.count == 4)
            let byActivity = try JSONDecoder().decode(ProgramDocument.self, from:
                try await VigiaTasks.exportProgramJSON(id: imported.id, period: 2, method: .meanOfActivities, on: app.db))
            #expect((byActivity.evaluacion.porcentaje! * 10).rounded() / 10 == 66.5)
            // The same vigencia again adds the period's seguimiento to the program already here…
            let again = try await VigiaTasks.importProgram(text: text, entityNIT: "800-A", at: app.now, on: app.db)
            #expect(again.id == imported.id)
            // …and a document whose activities do not match is refused, nothing written.
            let changed = text.replacingOccurrences(of: "Seguimiento del estado del SUIT", with: "Otra actividad")
            await #expect(throws: ValidationFailure.self) {
                try await VigiaTasks.importProgram(text: changed, entityNIT: "800-A", at: app.now, on: app.db)
            }
            #expect(try await AnticorruptionProgram.query(on: app.db).count() == 1)
        }
    }
}
