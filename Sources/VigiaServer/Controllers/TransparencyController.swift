import Fluent
import Vapor
import VigiaCore

/// The public transparency page: published seguimientos by year, downloadable, with their hash.
/// No login; nothing that is not published.
enum TransparencyController {
    @Sendable static func index(req: Request) async throws -> Response {
        let model = try await TransparencyIndexPage.Model.query(on: req.db)
        if model.entities.count == 1, let only = model.entities.first?.id {
            return req.redirect(to: SiteURL.transparencyEntity(.value(only)).path)
        }
        return PublicLayout.render(title: TransparencyIndexPage.View.title) { TransparencyIndexPage.View.content(model) }
    }

    @Sendable static func entity(req: Request) async throws -> Response {
        let model = try await TransparencyEntityPage.Model.query(on: req.db, entityID: try req.uuidParameter("entity"))
        return PublicLayout.render(title: "Transparencia · \(model.entityName)") { TransparencyEntityPage.View.content(model) }
    }

    @Sendable static func file(req: Request) async throws -> Response {
        guard let p = try await Publication.find(try req.uuidParameter("publication"), on: req.db) else {
            throw Abort(.notFound, reason: "La publicación no existe.")
        }
        switch req.parameters.get("formato") {
        case "pdf": return DocumentController.file(p.pdf, name: "\(p.fileName).pdf", type: "application/pdf")
        case "xlsx": return DocumentController.file(p.xlsx, name: "\(p.fileName).xlsx", type: ReportFormat.xlsx.contentType)
        case "html":
            let doc = try Publishing.frozenDocument(p)
            let logo = try await LogoController.hasLogo(p.$entity.id, on: req.db) ? SiteURL.entityLogo(.value(p.$entity.id)).path : nil
            return PublicLayout.render(title: p.title) {
                PublishedDocumentView.content(doc, version: p.version, publishedOn: p.publishedOn, pdfSHA256: p.pdfSHA256, logo: logo)
            }
        default:
            throw Abort(.notFound, reason: "Formato no disponible; use pdf, xlsx o html.")
        }
    }

    /// Anyone can check that a file they hold is one the entity published.
    @Sendable static func verify(req: Request) async throws -> Response {
        let hash = (req.query["sha256"] as String?)?.trimmed.lowercased() ?? ""
        let match = hash.count == 64 ? try await Publication.query(on: req.db).group(.or) {
            $0.filter(\.$pdfSHA256 == hash).filter(\.$xlsxSHA256 == hash)
        }.with(\.$entity).first() : nil
        return PublicLayout.render(title: TransparencyVerifyView.title) {
            TransparencyVerifyView.content(hash: hash, match: match.map {
                .init(title: $0.title, version: $0.version, entityName: $0.entity.name, publishedOn: $0.publishedOn)
            })
        }
    }
}

extension QueryBuilder where Model == Publication {
    /// What the public list needs, without loading the stored files.
    func summaryFields() -> Self {
        field(\.$id).field(\.$entity.$id).field(\.$kind).field(\.$numero).field(\.$version).field(\.$year).field(\.$title)
            .field(\.$fileName).field(\.$pdfSHA256).field(\.$xlsxSHA256).field(\.$deadline).field(\.$publishedOn)
            .field(\.$publishedAt).field(\.$note).field(\.$planID).field(\.$programID).field(\.$publishedBy)
    }
}
