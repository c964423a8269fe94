import Vapor

/// What an import form sends: the document pasted as text, or a file. A file is read as UTF-8
/// or, failing that, as Windows-1252 (what Excel writes when it saves text on Windows).
struct ImportUpload: Content {
    var texto: String?
    var archivo: File?

    /// The text to import, or the Spanish reason there is none (`empty` when nothing was sent).
    func text(empty: String) -> Result<String, ImportRefusal> {
        var text = texto ?? ""
        if let file = archivo, file.data.readableBytes > 0 {
            let data = file.data
            guard let decoded = data.getString(at: data.readerIndex, length: data.readableBytes, encoding: .utf8)
                    ?? data.getString(at: data.readerIndex, length: data.readableBytes, encoding: .windowsCP1252) else {
                return .failure(ImportRefusal(message: "El archivo «\(file.filename)» no es texto (UTF-8 o Windows-1252). Guárdelo desde Excel como «Texto (delimitado por tabulaciones)»."))
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
