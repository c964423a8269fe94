import Fluent
import Vapor
import VigiaCore

/// A published seguimiento, frozen: the document as it was, its PDF and XLSX and the PDF's
/// SHA-256. A correction is a new version, never an edit of this one.
final class Publication: Model, @unchecked Sendable {
    static let schema = "publications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    /// What it publishes (stored as "plan", "programa" or "mapa_riesgos").
    @Field(key: "kind") var kind: PublicationKind
    @OptionalField(key: "plan_id") var planID: UUID?
    @OptionalField(key: "program_id") var programID: UUID?
    @OptionalField(key: "risk_map_id") var riskMapID: UUID?
    /// Round (plan) or period (program) number.
    @Field(key: "numero") var numero: Int
    @Field(key: "version") var version: Int
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "document") var document: String
    @Field(key: "pdf") var pdf: Data
    @Field(key: "xlsx") var xlsx: Data
    @Field(key: "pdf_sha256") var pdfSHA256: String
    @Field(key: "xlsx_sha256") var xlsxSHA256: String
    @OptionalField(key: "deadline") var deadline: LocalDate?
    @Field(key: "published_on") var publishedOn: LocalDate
    @Field(key: "published_at") var publishedAt: Date
    @Field(key: "published_by") var publishedBy: String
    @Field(key: "note") var note: String

    init() {}

    /// On time, late, or without a legal deadline (VigiaCore's rule and texts).
    var timing: PublicationTiming { PublicationTiming(publishedOn: publishedOn, deadline: deadline) }
    var onTime: Bool? { timing.isOnTime }
}

/// What a publication is of (stored as its raw value).
enum PublicationKind: String, Codable, Sendable {
    /// A follow-up round of an improvement plan.
    case plan
    /// A period's seguimiento of a PAAC/PTEP program.
    case program = "programa"
    /// A period's seguimiento of a mapa de riesgos de corrupción.
    case riskMap = "mapa_riesgos"
}
