import Fluent
import Vapor
import VigiaCore
import VigiaFormats

/// The entity's logo: the administrador uploads or removes it (audited); documents show it.
enum LogoController {
    struct Upload: Content {
        var logo: File?
        var quitar: String?
    }

    static func hasLogo(_ entityID: UUID, on db: Database) async throws -> Bool {
        try await Entity.query(on: db).filter(\.$id == entityID).filter(\.$logoPNG != nil).count() > 0
    }

    /// The image, for the documents' pages (also shown on public documents, so no login).
    @Sendable static func image(req: Request) async throws -> Response {
        guard let entity = try await Entity.find(try req.uuidParameter("entity"), on: req.db), let png = entity.logoPNG else {
            throw Abort(.notFound, reason: "La entidad no tiene logo.")
        }
        let res = Response(status: .ok, body: .init(data: png))
        res.headers.contentType = .png
        res.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return res
    }

    /// How the audit trail names a logo: its size and the start of its SHA-256.
    static func describe(_ d: Data?) -> String? {
        d.map { "PNG de \(max(1, $0.count / 1024)) KB (SHA-256 \(Publishing.sha256($0).prefix(12)))" }
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try ctx.requireAdministrator("Solo el administrador cambia el logo de la entidad.")
        let upload = try req.content.decode(Upload.self)
        guard let entity = try await Entity.find(ctx.entityID, on: req.db) else { throw Abort(.notFound) }
        let new: Data?
        if upload.quitar == "1" {
            new = nil
        } else {
            guard let file = upload.logo, file.data.readableBytes > 0 else {
                return try await AdministrationController.entityPage(req, EntitySettingsInput(entity), errors: ["logo": "Logo: elija un archivo PNG."],
                                                                     status: .unprocessableEntity)
            }
            let data = Data(buffer: file.data)
            if case .failure(let problem) = LogoImage.check(data) {
                return try await AdministrationController.entityPage(req, EntitySettingsInput(entity), errors: ["logo": "Logo: " + problem.message],
                                                                     status: .unprocessableEntity)
            }
            new = data
        }
        guard describe(entity.logoPNG) != describe(new) else { return req.redirect(to: SiteURL.entitySettings.path) }
        let old = describe(entity.logoPNG), newText = describe(new)
        entity.logoPNG = new
        try await req.db.transaction { db in
            // Plans and programs first, the entity's row last: the lock order of every change (Revision.swift).
            try await bumpAllRevisions(entityID: ctx.entityID, on: db)   // the name or header is in every plan and program
            try await entity.save(on: db)
            try await AuditLog.record(new == nil ? "Quitó el logo de la entidad" : "Cambió el logo de la entidad", by: ctx.actor,
                                      entityID: ctx.entityID, objectType: "entidad", objectID: entity.id, planID: nil,
                                      changes: [FieldChange(field: "logo", old: old, new: newText)], on: db)
        }
        req.flash(new == nil ? "Logo quitado." : "Logo guardado: aparece en los documentos de Excel, PDF y en pantalla.")
        return req.redirect(to: SiteURL.entitySettings.path)
    }
}
