import Fluent
import Foundation
import MultipartKit
import NIOCore
import Vapor
import VigiaFormats

/// Evidence uploads, streamed: each file part goes to a temporary file while its SHA-256 and
/// size are computed, so nothing is held in memory; an oversize file stops the upload at the
/// limit. Files are then stored content-addressed under `<data>/evidencias/ab/abcdef…`.
struct EvidenceUpload {
    struct File {
        let name: String
        let temp: URL
        let sha256: String
        let size: Int
        let type: EvidenceType?
    }

    var fields: [String: String] = [:]
    var files: [File] = []

    func discard() { files.forEach { try? FileManager.default.removeItem(at: $0.temp) } }

    /// Limits of one upload form (from `ServerSettings`).
    struct Limits {
        var fileBytes: Int
        var totalBytes: Int
        var files: Int
        var fields: Int
        var fieldBytes: Int

        init(_ s: ServerSettings) {
            fileBytes = s.maxEvidenceBytes; totalBytes = s.maxUploadBytes; files = s.maxFilesPerRequest
            fields = s.maxFieldsPerRequest; fieldBytes = s.maxFieldBytes
        }
    }

    /// Reads a multipart body. The CSRF token is checked when the first file starts (the forms
    /// send it first, so no byte of a forged upload reaches the disk) and again once the whole
    /// body is parsed, files or not. Any limit passed or any error removes what was written.
    static func read(_ req: Request, folder: URL) async throws -> EvidenceUpload {
        guard let type = req.headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"],
              !boundary.isEmpty, boundary.utf8.count <= 200 else {
            throw Abort(.unsupportedMediaType, reason: "El formulario debe enviarse como multipart/form-data.")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let viaToken = req.currentUser?.viaToken == true
        let state = UploadState(limits: Limits(req.application.settings), folder: folder,
                                csrfOK: { viaToken || req.csrfMatches($0) })
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.complete() }
        do {
            for try await chunk in req.body {
                do { try parser.execute(chunk) } catch {
                    throw Abort(.badRequest, reason: "El formulario llegó incompleto o dañado; no se guardó nada. Vuelva a enviarlo.")
                }
                if let error = state.error { throw error }
            }
            if let error = state.error { throw error }
            guard state.csrfOK(state.fields["_csrf"]) else { throw CSRFMiddleware.failure }
        } catch {
            state.cleanUp()
            throw error
        }
        return EvidenceUpload(fields: state.fields, files: state.files)
    }

    /// A file name as shown and offered for download: no folders, no control characters, short.
    static func cleanName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let visible = String(String.UnicodeScalarView(last.unicodeScalars.filter {
            $0.value >= 0x20 && $0.value != 0x7F && $0.properties.generalCategory != .format
        }))
        let trimmed = visible.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "archivo" : String(trimmed.prefix(200))
    }
}

/// The parser's callbacks are synchronous; this holds what they build.
private final class UploadState: @unchecked Sendable {
    let limits: EvidenceUpload.Limits
    let folder: URL
    let csrfOK: (String?) -> Bool
    var fields: [String: String] = [:]
    var fieldCount = 0
    var files: [EvidenceUpload.File] = []
    var totalBytes = 0
    var error: Error?
    // the part being read
    var name = "", filename: String?, text = Data(), handle: FileHandle?, temp: URL?
    var hasher = SHA256(), size = 0, head: [UInt8] = []

    init(limits: EvidenceUpload.Limits, folder: URL, csrfOK: @escaping (String?) -> Bool) {
        self.limits = limits; self.folder = folder; self.csrfOK = csrfOK
    }

    func fail(_ status: HTTPResponseStatus, _ reason: String) {
        if error == nil { error = Abort(status, reason: reason + " No se guardó nada.") }
    }

    func header(_ key: String, _ value: String) {
        guard key.lowercased() == "content-disposition" else { return }
        for piece in value.split(separator: ";") {
            let kv = piece.trimmingCharacters(in: .whitespaces)
            if kv.hasPrefix("name=") { name = String(kv.dropFirst(5)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if kv.hasPrefix("filename=") { filename = String(kv.dropFirst(9)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
    }

    func body(_ buffer: inout ByteBuffer) {
        guard error == nil else { buffer.moveReaderIndex(to: buffer.writerIndex); return }
        totalBytes += buffer.readableBytes
        if totalBytes > limits.totalBytes {
            fail(.payloadTooLarge, "El envío supera el máximo de \(limits.totalBytes / 1024 / 1024) MB en total.")
            return
        }
        guard let filename, !filename.isEmpty else {
            text.append(contentsOf: buffer.readableBytesView)
            if text.count > limits.fieldBytes {
                fail(.payloadTooLarge, "El campo «\(String(name.prefix(60)))» supera \(limits.fieldBytes / 1000) mil caracteres.")
            }
            return
        }
        if handle == nil {
            guard csrfOK(fields["_csrf"]) else { error = CSRFMiddleware.failure; return }
            guard files.count < limits.files else {
                fail(.payloadTooLarge, "Se enviaron más de \(limits.files) archivos en un solo formulario.")
                return
            }
            let url = folder.appendingPathComponent(UUID().uuidString)
            FileManager.default.createFile(atPath: url.path, contents: nil)
            temp = url
            handle = try? FileHandle(forWritingTo: url)
            hasher = SHA256()
            size = 0
            head = []
        }
        let bytes = buffer.readableBytesView
        size += bytes.count
        if size > limits.fileBytes {
            fail(.payloadTooLarge, "El archivo «\(EvidenceUpload.cleanName(filename))» supera el máximo de \(limits.fileBytes / 1024 / 1024) MB.")
            return
        }
        if head.count < 12 { head += bytes.prefix(12 - head.count) }
        hasher.update(data: Data(bytes))
        handle?.write(Data(bytes))
    }

    func complete() {
        defer { name = ""; filename = nil; text = Data(); handle = nil; temp = nil }
        guard error == nil else { try? handle?.close(); if let temp { try? FileManager.default.removeItem(at: temp) }; return }
        if let filename, !filename.isEmpty, let temp {
            try? handle?.close()
            files.append(.init(name: EvidenceUpload.cleanName(filename), temp: temp, sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined(),
                               size: size, type: EvidenceType.sniff(head)))
        } else if filename == nil {
            fieldCount += 1
            if fieldCount > limits.fields {
                fail(.payloadTooLarge, "El formulario trae más de \(limits.fields) campos.")
                return
            }
            let value = String(decoding: text, as: UTF8.self).replacingOccurrences(of: "\u{0}", with: "")
            // repeated names (dependencias[]) keep the last; the forms here send single values
            fields[name] = value
        }
    }

    func cleanUp() {
        try? handle?.close()
        if let temp { try? FileManager.default.removeItem(at: temp) }
        files.forEach { try? FileManager.default.removeItem(at: $0.temp) }
    }
}
