import Vapor
import VigiaFormats

/// What an import form sends: the document pasted as text, or a file — an .xlsx workbook (its
/// first sheet, or the one named in «hoja») or text decoded by `TextDecoding` (UTF-8 with or
/// without BOM, UTF-16 with BOM, Windows-1252), exactly as the CLI reads it.
struct ImportUpload: Content {
    var texto: String?
    var archivo: File?
    var hoja: String?

    /// What to import, or the Spanish reason there is nothing (`empty` when nothing was sent).
    func source(empty: String) -> Result<ImportSource, ImportRefusal> {
        if let file = archivo, file.data.readableBytes > 0 {
            guard let source = ImportSource(file: Data(file.data.readableBytesView), sheet: hoja) else {
                return .failure(ImportRefusal(message: "El archivo «\(file.filename)» no es un libro de Excel (.xlsx) ni texto (UTF-8, UTF-16 o Windows-1252)."))
            }
            return .success(source)
        }
        let text = texto ?? ""
        guard !text.trimmed.isEmpty else { return .failure(ImportRefusal(message: empty)) }
        return .success(.text(text))
    }
}

struct ImportRefusal: Error {
    var message: String
}
