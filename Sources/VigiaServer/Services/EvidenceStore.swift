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

    /// Reads a multipart body. The CSRF field must come before any file (the forms put it first).
    static func read(_ req: Request, maxBytes: Int, folder: URL) async throws -> EvidenceUpload {
        guard let type = req.headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"] else {
            throw Abort(.unsupportedMediaType, reason: "El formulario debe enviarse como multipart/form-data.")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let expected = req.hasSession ? req.session.data[SessionKey.csrf] : nil
        let state = UploadState(maxBytes: maxBytes, folder: folder, csrf: expected, viaToken: req.currentUser?.viaToken == true)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.complete() }
        do {
            for try await chunk in req.body {
                try parser.execute(chunk)
                if let error = state.error { throw error }
            }
            if let error = state.error { throw error }
        } catch {
            state.cleanUp()
            throw error
        }
        return EvidenceUpload(fields: state.fields, files: state.files)
    }
}

/// The parser's callbacks are synchronous; this holds what they build.
private final class UploadState: @unchecked Sendable {
    let maxBytes: Int
    let folder: URL
    let csrf: String?
    let viaToken: Bool
    var fields: [String: String] = [:]
    var files: [EvidenceUpload.File] = []
    var error: Error?
    // the part being read
    var name = "", filename: String?, text = Data(), handle: FileHandle?, temp: URL?
    var hasher = SHA256(), size = 0, head: [UInt8] = []

    init(maxBytes: Int, folder: URL, csrf: String?, viaToken: Bool) {
        self.maxBytes = maxBytes; self.folder = folder; self.csrf = csrf; self.viaToken = viaToken
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
        guard let filename, !filename.isEmpty else {
            text.append(contentsOf: buffer.readableBytesView)
            if text.count > 100_000 { error = Abort(.payloadTooLarge, reason: "El campo «\(name)» es demasiado largo.") }
            return
        }
        if handle == nil {
            guard viaToken || (csrf != nil && fields["_csrf"] == csrf) else {
                error = Abort(.forbidden, reason: "El formulario venció o no trae su código de seguridad (CSRF). Vuelva a cargar la página e inténtelo de nuevo.")
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
        if size > maxBytes {
            error = Abort(.payloadTooLarge, reason: "El archivo «\(filename)» supera el máximo de \(maxBytes / 1024 / 1024) MB; no se guardó nada.")
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
            files.append(.init(name: filename, temp: temp, sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined(),
                               size: size, type: EvidenceType.sniff(head)))
        } else if filename == nil {
            let value = String(decoding: text, as: UTF8.self)
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

enum EvidenceStore {
    static func root(_ app: Application) -> URL {
        URL(fileURLWithPath: app.settings.dataDirectory).appendingPathComponent("evidencias")
    }

    static func path(_ app: Application, sha256: String) -> URL {
        root(app).appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    /// Moves an uploaded file into the store (or drops it when the same bytes are there) and
    /// returns the entity's record for those bytes.
    static func keep(_ file: EvidenceUpload.File, entityID: UUID, app: Application, on db: Database) async throws -> EvidenceFile {
        let target = path(app, sha256: file.sha256)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: target.path) {
            try? FileManager.default.removeItem(at: file.temp)
        } else {
            try FileManager.default.moveItem(at: file.temp, to: target)
        }
        if let existing = try await EvidenceFile.query(on: db).filter(\.$entity.$id == entityID).filter(\.$sha256 == file.sha256).first() {
            return existing
        }
        let record = EvidenceFile()
        record.$entity.id = entityID
        record.sha256 = file.sha256
        record.size = file.size
        record.mime = file.type?.mime ?? "application/octet-stream"
        try await record.create(on: db)
        return record
    }

    /// Stores the uploaded files and attaches them to a report (“autoreporte” or “monitoreo”).
    static func attach(_ files: [EvidenceUpload.File], kind: String, reportID: UUID, by user: CurrentUser,
                       app: Application, on db: Database) async throws {
        for file in files {
            let stored = try await keep(file, entityID: user.entityID, app: app, on: db)
            let ev = ReportEvidence()
            ev.$entity.id = user.entityID
            ev.reportKind = kind
            ev.reportID = reportID
            ev.$file.id = try stored.requireID()
            ev.name = file.name
            ev.uploadedByName = user.name
            ev.$uploadedBy.id = user.id
            try await ev.create(on: db)
        }
    }

    /// Removes an attachment; the bytes go only when no attachment of any entity uses them.
    static func detach(_ evidence: ReportEvidence, app: Application, on db: Database) async throws {
        let fileID = evidence.$file.id
        try await evidence.delete(on: db)
        guard try await ReportEvidence.query(on: db).filter(\.$file.$id == fileID).count() == 0,
              let file = try await EvidenceFile.find(fileID, on: db) else { return }
        let sha = file.sha256
        try await file.delete(on: db)
        if try await EvidenceFile.query(on: db).filter(\.$sha256 == sha).count() == 0 {
            try? FileManager.default.removeItem(at: path(app, sha256: sha))
        }
    }
}
