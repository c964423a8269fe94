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

    /// On time, late, or without a legal deadline (VigiaCore's rule and texts).
    var timing: PublicationTiming { PublicationTiming(publishedOn: publishedOn, deadline: deadline) }

    /// “dd/mm/aaaa · a tiempo”, “… · fuera de plazo”, or “—” without a deadline.
    var deadlineText: String { timing.deadlineCell }
}

extension PublicationSummary {
    init(_ p: Publication) {
        self.init(id: p.id ?? UUID(), entityID: p.$entity.id, numero: p.numero, version: p.version, year: p.year, title: p.title,
                  note: p.note, pdfSHA256: p.pdfSHA256, deadline: p.deadline, publishedOn: p.publishedOn, publishedBy: p.publishedBy)
    }
}
