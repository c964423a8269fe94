import Fluent
import Foundation
import VigiaCore

/// A mapa de riesgos de corrupción of one entity and vigencia, stored whole as its document.
final class RiskMapRecord: Model, @unchecked Sendable {
    static let schema = "risk_maps"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Field(key: "vigencia") var vigencia: Int
    /// The map as JSON (`RiskMap`).
    @Field(key: "document") var document: String
    @Field(key: "revision") var revision: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(entityID: UUID, map: RiskMap) throws {
        self.$entity.id = entityID
        self.vigencia = map.vigencia
        self.revision = 0
        try set(map)
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    func set(_ map: RiskMap) throws {
        document = String(decoding: try Self.encoder.encode(map), as: UTF8.self)
    }

    func map() throws -> RiskMap { try JSONDecoder().decode(RiskMap.self, from: Data(document.utf8)) }
}
