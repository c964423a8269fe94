import Fluent
import Vapor
import VigiaCore

/// Program templates belong to an entity: an administrador edits only its own entity's.
enum TemplateStore {
    /// The shipped templates, copied into an entity that has none.
    static func ensureShipped(entityID: UUID, on db: Database) async throws {
        guard try await ProgramTemplateRecord.query(on: db).filter(\.$entity.$id == entityID).count() == 0 else { return }
        for template in [ProgramTemplate.paacV2, ProgramTemplate.ptep] {
            try await ProgramTemplateRecord(entityID: entityID, name: template.name, version: 1, template: template).create(on: db)
        }
    }

    /// M022: every version of the install-wide templates of M015 becomes each entity's own.
    static func copyInstallTemplates(on db: Database) async throws {
        let rows = try await InstallTemplate.query(on: db).all()
        // Only the id: M022 runs this before later migrations add columns to the Entity model.
        for entity in try await Entity.query(on: db).field(\.$id).all() {
            let id = try entity.requireID()
            for row in rows {
                let record = ProgramTemplateRecord()
                record.$entity.id = id
                record.name = row.name
                record.version = row.version
                record.structure = row.structure
                try await record.create(on: db)
            }
            try await ensureShipped(entityID: id, on: db)
        }
    }

    /// The latest version of each of the entity's templates.
    static func latest(entityID: UUID, on db: Database) async throws -> [ProgramTemplateRecord] {
        let all = try await ProgramTemplateRecord.query(on: db).filter(\.$entity.$id == entityID)
            .sort(\.$name).sort(\.$version, .descending).all()
        var seen = Set<String>()
        return all.filter { seen.insert($0.name).inserted }
    }

    /// One of the entity's templates, or 404 (another entity's template does not exist for it).
    static func find(_ id: UUID, entityID: UUID, on db: Database) async throws -> ProgramTemplateRecord {
        guard let record = try await ProgramTemplateRecord.query(on: db).filter(\.$id == id)
            .filter(\.$entity.$id == entityID).first() else {
            throw Abort(.notFound, reason: "No existe la plantilla solicitada o usted no tiene acceso a ella.")
        }
        return record
    }
}

/// A new entity starts with the shipped templates, whoever creates it (command line, demo, tests).
struct EntityTemplatesMiddleware: AsyncModelMiddleware {
    func create(model: Entity, on db: Database, next: AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await TemplateStore.ensureShipped(entityID: try model.requireID(), on: db)
    }
}
