import CPangoCairo
import Foundation
import VigiaCore

/// An entity's logo: a PNG, checked from its own bytes before it is stored or drawn.
public enum LogoImage {
    public static let maxBytes = 512 * 1024
    public static let maxSide = 4000

    /// Width and height of a PNG (from its IHDR chunk), or the Spanish reason it is refused.
    public static func check(_ data: Data) -> Result<(width: Int, height: Int), LogoProblem> {
        let b = [UInt8](data.prefix(24))
        guard data.count <= maxBytes else {
            return .failure(.init("El logo pesa más de \(maxBytes / 1024) KB, el máximo: guárdelo con menos píxeles o más comprimido."))
        }
        guard b.count == 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), Array(b[12..<16]) == Array("IHDR".utf8) else {
            return .failure(.init("El logo debe ser una imagen PNG (guárdelo como .png desde su programa de imágenes)."))
        }
        let w = b[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = b[20..<24].reduce(0) { $0 << 8 | Int($1) }
        guard (1...maxSide).contains(w), (1...maxSide).contains(h) else {
            return .failure(.init("El logo mide \(w) × \(h) píxeles; cada lado debe estar entre 1 y \(maxSide)."))
        }
        guard decodes(data) else { return .failure(.init("El archivo PNG del logo está dañado: no se puede leer la imagen.")) }
        return .success((w, h))
    }

    /// Whether cairo reads the whole image (the PDF draws it with cairo).
    static func decodes(_ data: Data) -> Bool {
        guard let surface = surface(data) else { return false }
        defer { cairo_surface_destroy(surface) }
        return cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
    }

    /// The image as a cairo surface (the caller destroys it), or nil when it does not decode.
    static func surface(_ data: Data) -> OpaquePointer? {
        final class Reader { let bytes: [UInt8]; var offset = 0; init(_ d: Data) { bytes = [UInt8](d) } }
        let reader = Reader(data)
        let box = Unmanaged.passRetained(reader)
        defer { box.release() }
        let surface = cairo_image_surface_create_from_png_stream({ closure, out, length in
            guard let closure, let out else { return CAIRO_STATUS_READ_ERROR }
            let r = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
            let n = Int(length)
            guard r.offset + n <= r.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            r.bytes.withUnsafeBufferPointer { src in out.update(from: src.baseAddress! + r.offset, count: n) }
            r.offset += n
            return CAIRO_STATUS_SUCCESS
        }, box.toOpaque())
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            if let surface { cairo_surface_destroy(surface) }
            return nil
        }
        return surface
    }
}

public struct LogoProblem: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
