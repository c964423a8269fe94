import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
import VigiaFormats
@testable import VigiaServer

@Suite("The entity's logo in its documents")
struct LogoTests {
    /// A 40 × 20 PNG in a dark blue.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAIAAABwJOjsAAAAJElEQVR4nGOQ96scEMQwavGoxaMWj1o8avGoxaMWj1o8ciwGAO6wzt9rVjdqAAAAAElFTkSuQmCC")!

    @Test func onlyWholePNGsUnderTheLimitsPass() throws {
        let size = try LogoImage.check(Self.png).get()
        #expect(size.width == 40 && size.height == 20)
        func problem(_ d: Data) -> String? { if case .failure(let p) = LogoImage.check(d) { return p.message }; return nil }
        #expect(problem(Data("<svg onload=alert(1)>".utf8)) == "El logo debe ser una imagen PNG (guárdelo como .png desde su programa de imágenes).")
        #expect(problem(Self.png.prefix(40)) == "El archivo PNG del logo está dañado: no se puede leer la imagen.")
        var huge = Self.png
        huge.replaceSubrange(16..<20, with: [0x00, 0x01, 0x00, 0x00])
        #expect(problem(huge) == "El logo mide 65536 × 20 píxeles; cada lado debe estar entre 1 y 4000.")
        #expect(problem(Data(count: LogoImage.maxBytes + 1)) == "El logo pesa más de 512 KB, el máximo: guárdelo con menos píxeles o más comprimido.")
    }

    @Test("The administrador uploads the logo; the page, the XLSX and the PDF carry it; removal is audited", arguments: TestDB.all)
    func uploadAndDocuments(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var admin = try await Browser.signedIn(app, as: "admin@a.gov.co")
            _ = try await admin.get("/administracion/entidad")
            let bad = try await admin.upload("/administracion/entidad/logo", [:], files: [("logo.svg", Data("<svg/>".utf8))], field: "logo")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Logo: El logo debe ser una imagen PNG"))
            #expect(try await Entity.find(fx.entityA, on: app.db)?.logoPNG == nil)
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.get("/planes")
            #expect(try await oci.upload("/administracion/entidad/logo", [:], files: [("logo.png", Self.png)], field: "logo").status == .forbidden)
            #expect(try await admin.upload("/administracion/entidad/logo", [:], files: [("logo.png", Self.png)], field: "logo").status == .seeOther)
            #expect(try await Entity.find(fx.entityA, on: app.db)?.logoPNG == Self.png)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$summary == "Cambió el logo de la entidad").first()?.newValue?.hasPrefix("PNG de 1 KB") == true)

            let html = try await oci.get("/planes/\(fx.planA)/documento/html").body.string
            #expect(html.contains("<img class=\"logo\" src=\"/logos/\(fx.entityA)\" alt=\"Logo de "))
            var anonymous = Browser(app)
            let image = try await anonymous.get("/logos/\(fx.entityA)")
            #expect(image.status == .ok && Data(buffer: image.body) == Self.png && image.headers.contentType == .png)
            #expect(try await anonymous.get("/logos/\(fx.entityB)").status == .notFound)
            let xlsx = Data(buffer: try await oci.get("/planes/\(fx.planA)/documento/xlsx").body)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("l-\(UUID().uuidString).xlsx")
            try xlsx.write(to: path)
            defer { try? FileManager.default.removeItem(at: path) }
            let listing = Process()
            listing.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            listing.arguments = ["-l", path.path]
            let pipe = Pipe()
            listing.standardOutput = pipe
            try listing.run()
            let names = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            listing.waitUntilExit()
            #expect(names.contains("xl/media/image1.png"))
            let pdf = Data(buffer: try await oci.get("/planes/\(fx.planA)/documento/pdf").body)
            #expect(String(decoding: pdf, as: UTF8.self).contains("/Subtype /Image"))
            var ociB = try await Browser.signedIn(app, as: "oci@b.gov.co")
            let other = Data(buffer: try await ociB.get("/planes/\(fx.planB)/documento/pdf").body)
            #expect(!String(decoding: other, as: UTF8.self).contains("/Subtype /Image"))

            _ = try await admin.get("/administracion/entidad")
            #expect(try await admin.upload("/administracion/entidad/logo", ["quitar": "1"], files: []).status == .seeOther)
            #expect(try await Entity.find(fx.entityA, on: app.db)?.logoPNG == nil)
            #expect(!(try await oci.get("/planes/\(fx.planA)/documento/html").body.string.contains("class=\"logo\"")))
        }
    }
}
