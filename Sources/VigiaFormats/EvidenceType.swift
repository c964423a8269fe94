import Foundation

/// What an evidence file is, judged by its first bytes (never by its name).
public enum EvidenceType: String, Sendable, CaseIterable {
    case pdf, png, jpeg, gif, webp, zip, ole

    public var mime: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .zip: "application/zip"
        case .ole: "application/x-ole-storage"
        }
    }

    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .png, .jpeg, .gif, .webp: "imagen"
        case .zip: "ZIP u Office (docx, xlsx, pptx, odt…)"
        case .ole: "Office 97–2003 (doc, xls, ppt)"
        }
    }

    /// Needs the first 12 bytes.
    public static func sniff<C: Collection>(_ head: C) -> EvidenceType? where C.Element == UInt8 {
        let b = Array(head.prefix(12))
        func starts(_ sig: [UInt8]) -> Bool { b.count >= sig.count && Array(b.prefix(sig.count)) == sig }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }                       // %PDF-
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x47, 0x49, 0x46, 0x38]) { return .gif }                             // GIF8
        if starts([0x52, 0x49, 0x46, 0x46]) && b.count >= 12 && Array(b[8..<12]) == [0x57, 0x45, 0x42, 0x50] { return .webp }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }   // also docx/xlsx/odt
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole }
        return nil
    }

    public static let accepted = "PDF, imágenes (PNG, JPEG, GIF, WebP), documentos de Office y ZIP"
}
