import Foundation
import VigiaCore

/// What a page shows of one published document, without its stored files.
struct PublicationSummary: Sendable, Equatable {
    var id: UUID
    var entityID: UUID
    var numero: Int
    var version: Int
    var year: Int
    var title: String
    var note: String
    var pdfSHA256: String
    var deadline: LocalDate?
    var publishedOn: LocalDate
    var publishedBy: String

    /// Published by the deadline (nil when the document has none).
    var onTime: Bool? { deadline.map { publishedOn <= $0 } }

    /// “dd/mm/aaaa · a tiempo”, “… · fuera de plazo”, or “—” without a deadline.
    var deadlineText: String {
        deadline.map { "\($0.dayFirst) · " + (onTime == true ? "a tiempo" : "fuera de plazo") } ?? "—"
    }
}

extension PublicationSummary {
    init(_ p: Publication) {
        self.init(id: p.id ?? UUID(), entityID: p.$entity.id, numero: p.numero, version: p.version, year: p.year, title: p.title,
                  note: p.note, pdfSHA256: p.pdfSHA256, deadline: p.deadline, publishedOn: p.publishedOn, publishedBy: p.publishedBy)
    }
}
