import Foundation

/// The bytes of a text file as offices save them, turned into a String the same way for the
/// web upload, the paste box's file and the CLI, for plans and programs alike:
/// UTF-16 with its byte-order mark (Excel's «Texto Unicode», little or big endian), UTF-8 with
/// or without a BOM, and otherwise Windows-1252 (Excel's «Texto (delimitado por tabulaciones)»
/// on a Spanish Windows). Line ends (LF, CRLF, CR) are left to the importers, which read all three.
public enum TextDecoding {
    /// The text, or nil when the bytes are none of those encodings.
    public static func decode(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(data.dropFirst(2), bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(data.dropFirst(2), bigEndian: true) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(data: data.dropFirst(3), encoding: .utf8) }
        if let text = String(data: data, encoding: .utf8) { return text }
        // Windows-1252 leaves five bytes undefined; a file holding them is not text of that kind.
        if data.contains(where: { [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }) { return nil }
        return String(data: data, encoding: .windowsCP1252)
    }

    /// UTF-16 code units; an odd trailing byte or an unpaired surrogate makes it not text.
    private static func utf16(_ data: Data, bigEndian: Bool) -> String? {
        guard data.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var index = data.startIndex
        while index < data.endIndex {
            let a = UInt16(data[index]), b = UInt16(data[data.index(after: index)])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index = data.index(index, offsetBy: 2)
        }
        var text = ""
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.unicodeScalars.append(scalar)
            case .emptyInput: return text
            case .error: return nil
            }
        }
    }
}
