import Fluent
import Vapor

/// One entity's published seguimientos, by year, newest first.
enum TransparencyEntityPage {
    struct Model: Sendable, Equatable {
        var entityName: String
        var publications: [PublicationSummary]

        /// Years with publications, newest first.
        var years: [Int] { Set(publications.map(\.year)).sorted(by: >) }
    }
}

extension TransparencyEntityPage.Model {
    static func query(on db: Database, entityID: UUID) async throws -> Self {
        guard let entity = try await Entity.find(entityID, on: db) else {
            throw Abort(.notFound, reason: "La entidad no existe.")
        }
        let publications = try await Publication.query(on: db).filter(\.$entity.$id == entity.requireID())
            .summaryFields().sort(\.$year, .descending).sort(\.$publishedAt, .descending).all()
        return .init(entityName: entity.name, publications: publications.map(PublicationSummary.init))
    }
}
