import Fluent
import Vapor
import VigiaCore

/// A stored evidence file, content-addressed by its SHA-256 within the entity (deduplicated).
final class EvidenceFile: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    @Field(key: "mime") var mime: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
