import Fluent
import Foundation
import Vapor
import VigiaCore
import VigiaFormats

extension VigiaTasks {
    /// Imports a published PAAC/PTEP seguimiento. One transaction: all or nothing.
    public static func importProgram(text: String, entityNIT: String?, on db: Database)
        async throws -> (id: UUID, program: ProgramSnapshot, period: Int) {
        let result = try ProgramImporter.importProgram(text: text)
        let program = try await db.transaction { db in
            let entity = try await entityFor(nit: entityNIT, header: FormatHeader(entidad: result.program.entidad.isEmpty ? "Entidad" : result.program.entidad), on: db)
            if let existing = try await AnticorruptionProgram.query(on: db).filter(\.$entity.$id == entity.requireID())
                .filter(\.$vigencia == result.program.vigencia).first() {
                // A later cuatrimestre of a program already here: its seguimiento is added to it.
                try await ProgramStore.applyFollowUps(of: result.program, period: result.periodo, to: existing, by: .commandLine, on: db)
                return existing
            }
            return try await ProgramStore.create(result.program, entityID: try entity.requireID(), by: .commandLine,
                                                 summary: "Importó el seguimiento del programa (línea de comandos)", on: db)
        }
        return (try program.requireID(), result.program, result.periodo)
    }

    public static func exportProgramJSON(id: UUID, period: Int, method: ProgramMethod?, on db: Database) async throws -> Data {
        guard let program = try await AnticorruptionProgram.find(id, on: db) else {
            throw ValidationFailure("No existe el programa \(id).")
        }
        let snap = try await ProgramStore.snapshot(of: program, on: db)
        guard snap.periodos.contains(where: { $0.numero == period }) else {
            throw ValidationFailure("El programa no tiene el periodo \(period).")
        }
        return try PlanDocument.encoder.encode(ProgramDocument(program: snap, period: period, method: method ?? program.metodo))
    }
}
