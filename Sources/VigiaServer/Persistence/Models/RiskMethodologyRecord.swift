import Fluent
import Foundation
import VigiaCore

/// One version of an entity's own risk methodology (`RiskMethodology` as JSON). `key` groups the
/// versions of one copy; the newest is the one new maps may use.
final class RiskMethodologyRecord: Model, @unchecked Sendable {
    static let schema = "risk_methodologies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Field(key: "key") var key: String
    @Field(key: "version") var version: Int
    @Field(key: "document") var document: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(entityID: UUID, key: String, methodology: RiskMethodology) throws {
        self.$entity.id = entityID
        self.key = key
        self.version = methodology.version
        self.document = String(decoding: try RiskMapRecord.encoder.encode(methodology), as: UTF8.self)
    }

    func methodology() throws -> RiskMethodology { try JSONDecoder().decode(RiskMethodology.self, from: Data(document.utf8)) }
}
