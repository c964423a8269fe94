import Vapor
import VigiaFormats

/// What an import form sends: the document pasted as text, or a file, decoded by
/// `TextDecoding` (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252) like the CLI does.
struct ImportUpload: Content {
    var texto: String?
    var archivo: File?

    /// The text to import, or the Spanish reason there is none (`empty` when nothing was sent).
    func text(empty: String) -> Result<String, ImportRefusal> {
        var text = texto ?? ""
        if let file = archivo, file.data.readableBytes > 0 {
            guard let decoded = TextDecoding.decode(Data(file.data.readableBytesView)) else {
                return .failure(ImportRefusal(message: "El archivo «\(file.filename)» no es texto (UTF-8, UTF-16 o Windows-1252). Guárdelo desde Excel como «Texto (delimitado por tabulaciones)» o «Texto Unicode»."))
            }
            text = decoded
        }
        guard !text.trimmed.isEmpty else { return .failure(ImportRefusal(message: empty)) }
        return .success(text.replacingOccurrences(of: "\u{0}", with: ""))
    }
}

struct ImportRefusal: Error {
    var message: String
}
