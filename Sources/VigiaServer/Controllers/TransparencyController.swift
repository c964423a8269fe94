import Fluent
import Plot
import Vapor
import VigiaCore

/// The public transparency page: published seguimientos by year, downloadable, with their hash.
/// No login; nothing that is not published.
enum TransparencyController {
    @Sendable static func index(req: Request) async throws -> Response {
        let published = try await Publication.query(on: req.db).field(\.$entity.$id).unique().all().map { $0.$entity.id }
        let entities = published.isEmpty ? [] : try await Entity.query(on: req.db).filter(\.$id ~~ published).sort(\.$name).all()
        if entities.count == 1, let only = entities.first?.id {
            return req.redirect(to: SiteURL.transparencyEntity(.value(only)).path)
        }
        return PublicLayout.render(req, title: "Transparencia") {
            Node<HTML.BodyContext>.h1("Transparencia y acceso a la información pública")
            Node<HTML.BodyContext>.p("Seguimientos publicados por las Oficinas de Control Interno (Ley 1712 de 2014).")
            if entities.isEmpty {
                Node<HTML.BodyContext>.p("Todavía no hay seguimientos publicados.")
            } else {
                Node<HTML.BodyContext>.ul(.forEach(entities) { e in .li(.a(.href(SiteURL.transparencyEntity(.value(e.id!)).path), .text(e.name))) })
            }
        }
    }

    @Sendable static func entity(req: Request) async throws -> Response {
        guard let entity = try await Entity.find(try req.uuidParameter("entity"), on: req.db) else {
            throw Abort(.notFound, reason: "La entidad no existe.")
        }
        let publications = try await Publication.query(on: req.db).filter(\.$entity.$id == entity.requireID())
            .summaryFields().sort(\.$year, .descending).sort(\.$publishedAt, .descending).all()
        return PublicLayout.render(req, title: "Transparencia · \(entity.name)") {
            TransparencyViews.entity(entity, publications)
        }
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
            return PublicLayout.render(req, title: p.title) {
                Node<HTML.BodyContext>.p(.class("small noprint"), .text("Versión \(p.version) publicada el \(p.publishedOn.dayFirst) · SHA-256 del PDF: "), .code(.text(p.pdfSHA256)))
                ReportHTMLView.page(doc)
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
        return PublicLayout.render(req, title: "Verificar un documento") {
            TransparencyViews.verify(hash: hash, match: match)
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
