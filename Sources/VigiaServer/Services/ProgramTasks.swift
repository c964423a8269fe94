import Fluent
import Foundation
import Vapor
import VigiaCore
import VigiaFormats

extension VigiaTasks {
    /// Imports a published PAAC/PTEP seguimiento. One transaction: all or nothing. From the web,
    /// `entityID` is the user's entity and `actor` the user; from the command line the entity is
    /// found by NIT. A period already published is never overwritten.
    public static func importProgram(text: String, entityNIT: String?, at now: Date, on db: Database)
        async throws -> (id: UUID, program: ProgramSnapshot, period: Int) {
        try await importProgram(.text(text), entityNIT: entityNIT, entityID: nil, by: .commandLine(at: now), on: db)
    }

    /// The same from a text file or a workbook's sheet (`vigia import program FILE.xlsx`).
    public static func importProgram(_ source: ImportSource, entityNIT: String?, at now: Date, on db: Database)
        async throws -> (id: UUID, program: ProgramSnapshot, period: Int) {
        try await importProgram(source, entityNIT: entityNIT, entityID: nil, by: .commandLine(at: now), on: db)
    }

    static func importProgram(_ source: ImportSource, entityNIT: String?, entityID: UUID?, by actor: Actor, on db: Database)
        async throws -> (id: UUID, program: ProgramSnapshot, period: Int) {
        // NUL is no text (and PostgreSQL refuses it): ImportSource drops it before anything is read.
        let result = try source.program()
        let program = try await db.transaction { db in
            let entity: Entity
            if let entityID {
                guard let e = try await Entity.find(entityID, on: db) else { throw ValidationFailure("La entidad no existe.") }
                entity = e
            } else {
                entity = try await entityFor(nit: entityNIT, header: FormatHeader(entidad: result.program.entidad.isEmpty ? "Entidad" : result.program.entidad), on: db)
            }
            if let existing = try await AnticorruptionProgram.query(on: db).filter(\.$entity.$id == entity.requireID())
                .filter(\.$vigencia == result.program.vigencia).first() {
                if let period = try await FollowUpPeriod.query(on: db).filter(\.$program.$id == existing.requireID())
                    .filter(\.$numero == result.periodo).first(), period.estado == .publicado {
                    throw ValidationFailure("El seguimiento del \(period.nombre.lowercased()) del programa \(existing.vigencia) ya está publicado: la importación no lo sobrescribe. Ábralo como corrección si debe cambiar.")
                }
                // A later cuatrimestre of a program already here: its seguimiento is added to it.
                try await ProgramStore.applyFollowUps(of: result.program, period: result.periodo, to: existing, by: actor, on: db)
                return existing
            }
            return try await ProgramStore.create(result.program, entityID: try entity.requireID(), by: actor,
                                                 summary: "Importó el seguimiento del programa" + (actor.userID == nil ? " (línea de comandos)" : ""), on: db)
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
