import Foundation
import Plot
import VigiaCore

/// “Verificar un documento”: whether a SHA-256 is that of a published file.
enum TransparencyVerifyView {
    struct Match: Sendable, Equatable {
        var title: String
        var version: Int
        var entityName: String
        var publishedOn: LocalDate
    }

    static let title = "Verificar un documento"

    static func content(hash: String, match: Match?) -> Node<HTML.BodyContext> {
        .group(
            .h1("Verificar un documento publicado"),
            .form(.method(.get), .action(SiteURL.verifyHash.path),
                .field("SHA-256 del archivo (64 caracteres)", name: "sha256", value: hash, required: true,
                       hint: "En Linux o macOS: sha256sum archivo.pdf · En Windows: certutil -hashfile archivo.pdf SHA256"),
                .button(.type(.submit), .text("Verificar"))),
            hash.isEmpty ? .empty : (match.map { p in
                .p(.class("flash"), .attribute(named: "role", value: "status"),
                   .text("Coincide: «\(p.title)», versión \(p.version), publicado por \(p.entityName) el \(p.publishedOn.dayFirst)."))
            } ?? .p(.class("errors"), .attribute(named: "role", value: "status"),
                    .text("Ningún documento publicado tiene ese SHA-256. El archivo no es el publicado o fue modificado."))))
    }
}
