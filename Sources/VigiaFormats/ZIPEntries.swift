import Foundation
import ZIPFoundation

/// Why a ZIP archive could not be read.
public struct ZIPReadError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The files of a ZIP archive (an .xlsx, a Vigía backup), read defensively. The directory is
/// read here with every offset checked; the deflated data is inflated by ZIPFoundation's
/// `Data.decompress` with a provider that stops at the entry's end. ZIPFoundation's own
/// `Archive.extract` loops forever on a deflate stream cut short (it keeps reading past the
/// entry and the end of the file), and its in-memory archive traps on a bad offset: neither may
/// see a file a user sent.
public struct ZIPEntries: Sendable {
    public struct Entry: Sendable {
        public var path: String
        public var method: UInt16
        public var compressedSize: Int
        public var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    public let entries: [Entry]
    private let data: Data

    public init(_ data: Data) throws(ZIPReadError) {
        let bytes = [UInt8](data)
        func u16(_ i: Int) -> Int? { i >= 0 && i + 2 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : nil }
        func u32(_ i: Int) -> Int? {
            guard let lo = u16(i), let hi = u16(i + 2) else { return nil }
            return lo | hi << 16
        }
        // The end-of-directory record: within the last 64 KB (its comment may be that long).
        var eocd: Int? = nil
        var i = bytes.count - 22
        while i >= max(0, bytes.count - 22 - 65_535) {
            if u32(i) == 0x0605_4B50 { eocd = i; break }
            i -= 1
        }
        guard let end = eocd, let count = u16(end + 10), let start = u32(end + 16) else {
            throw ZIPReadError("no es un archivo ZIP (falta su directorio).")
        }
        var entries: [Entry] = []
        var p = start
        for _ in 0..<count {
            guard u32(p) == 0x0201_4B50, let method = u16(p + 10), let compressed = u32(p + 20), let size = u32(p + 24),
                  let nameLength = u16(p + 28), let extra = u16(p + 30), let comment = u16(p + 32), let local = u32(p + 42),
                  p + 46 + nameLength <= bytes.count else {
                throw ZIPReadError("el directorio del archivo ZIP está dañado.")
            }
            guard compressed != 0xFFFF_FFFF, size != 0xFFFF_FFFF else { throw ZIPReadError("el archivo usa ZIP64, que no se lee aquí.") }
            let path = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(path: path, method: UInt16(method), compressedSize: compressed, uncompressedSize: size, localHeaderOffset: local))
            p += 46 + nameLength + extra + comment
        }
        self.entries = entries
        self.data = data
    }

    public subscript(path: String) -> Entry? { entries.first { $0.path == path } }

    /// The entry's bytes, at most `limit` of them once inflated.
    public func contents(of entry: Entry, limit: Int) throws(ZIPReadError) -> Data {
        let bytes = data
        func u16(_ i: Int) -> Int? { i >= 0 && i + 2 <= bytes.count ? Int(bytes[bytes.startIndex + i]) | Int(bytes[bytes.startIndex + i + 1]) << 8 : nil }
        guard u16(entry.localHeaderOffset) == 0x4B50, u16(entry.localHeaderOffset + 2) == 0x0403,
              let nameLength = u16(entry.localHeaderOffset + 26), let extra = u16(entry.localHeaderOffset + 28) else {
            throw ZIPReadError("«\(entry.path)» está dañado (su encabezado no está donde dice el directorio).")
        }
        let start = entry.localHeaderOffset + 30 + nameLength + extra
        guard start >= 0, start + entry.compressedSize <= bytes.count else { throw ZIPReadError("«\(entry.path)» está incompleto.") }
        let raw = bytes.subdata(in: (bytes.startIndex + start)..<(bytes.startIndex + start + entry.compressedSize))
        switch entry.method {
        case 0:
            guard raw.count <= limit else { throw ZIPReadError("«\(entry.path)» es demasiado grande.") }
            return raw
        case 8:
            var out = Data()
            do {
                _ = try Data.decompress(size: Int64(raw.count), bufferSize: 32 * 1024, skipCRC32: true, provider: { position, size in
                    let from = Int(position)
                    // Past the entry's end the stream is cut short: stop instead of asking again.
                    guard from < raw.count else { throw ZIPReadError("«\(entry.path)» está incompleto.") }
                    var chunk = raw.subdata(in: (raw.startIndex + from)..<(raw.startIndex + min(raw.count, from + size)))
                    // decompress tells zlib a whole buffer is there: a short last chunk is padded,
                    // so zlib never reads past it (a cut stream then fails on the next call).
                    if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    return chunk
                }, consumer: { chunk in
                    guard out.count + chunk.count <= limit else { throw ZIPReadError("«\(entry.path)» es demasiado grande al descomprimirlo.") }
                    out.append(chunk)
                })
            } catch let error as ZIPReadError {
                throw error
            } catch {
                throw ZIPReadError("«\(entry.path)» está dañado (no se puede descomprimir).")
            }
            return out
        default:
            throw ZIPReadError("«\(entry.path)» usa un método de compresión que no se lee aquí (\(entry.method)).")
        }
    }
}
