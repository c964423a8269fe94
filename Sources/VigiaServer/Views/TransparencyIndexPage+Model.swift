import Fluent
import Foundation

/// The public transparency index: the entities that have published something.
enum TransparencyIndexPage {
    struct Model: Sendable, Equatable {
        struct Entry: Sendable, Equatable {
            var id: UUID
            var name: String
        }
        var entities: [Entry]
    }
}

extension TransparencyIndexPage.Model {
    static func query(on db: Database) async throws -> Self {
        let published = try await Publication.query(on: db).field(\.$entity.$id).unique().all().map { $0.$entity.id }
        let entities = published.isEmpty ? [] : try await Entity.query(on: db).filter(\.$id ~~ published).sort(\.$name).all()
        return .init(entities: entities.compactMap { e in e.id.map { Entry(id: $0, name: e.name) } })
    }
}
