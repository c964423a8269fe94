import Foundation
import Plot
import VigiaCore

/// A published document as it was frozen, with its version, date and the PDF's hash.
enum PublishedDocumentView {
    static func content(_ doc: ReportDocument, version: Int, publishedOn: LocalDate, pdfSHA256: String, logo: String? = nil) -> [Node<HTML.BodyContext>] {
        [
            .p(.class("small noprint"), .text("Versión \(version) publicada el \(publishedOn.dayFirst) · SHA-256 del PDF: "), .code(.text(pdfSHA256))),
            ReportHTMLView.page(doc, logo: logo),
        ]
    }
}
