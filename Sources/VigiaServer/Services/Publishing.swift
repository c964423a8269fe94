import Fluent
import Vapor
import VigiaCore
import VigiaFormats

/// Publishing freezes a seguimiento: the document, its PDF and XLSX, and the PDF's SHA-256.
enum Publishing {
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// What a plan round's publication is listed as (on /transparencia among others): the format's
    /// title says only "plan de mejoramiento", so the unidad auditable, the audit and the round name it.
    static func planTitle(_ doc: ReportDocument, of plan: PlanSnapshot, round: Int) -> String {
        let audit = plan.numeroAuditoria.trimmed
        let unit = plan.unidadAuditable.trimmed + (audit.isEmpty ? "" : " (auditoría \(audit))")
        return [doc.titulo, unit.trimmed, "Seguimiento \(round)"].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// `title` is what the publication is listed as (the document's title and subtitle by default).
    static func publish(_ doc: ReportDocument, kind: PublicationKind, planID: UUID?, programID: UUID?, riskMapID: UUID? = nil, numero: Int, year: Int,
                        deadline: LocalDate?, note: String, title: String? = nil, user: CurrentUser, on db: Database) async throws -> Publication {
        let logo = try await Entity.find(user.entityID, on: db)?.logoPNG
        let pdf = try PDFRenderer.render(doc, options: .init(zones: doc.zoneLimits, logo: logo))
        let xlsx = try XLSXRenderer.render(doc, options: .init(zones: doc.zoneLimits, logo: logo))
        // Versions count per published thing: its own id, never "any row whose other ids are null".
        let same = Publication.query(on: db).filter(\.$entity.$id == user.entityID).filter(\.$kind == kind).filter(\.$numero == numero)
        switch kind {
        case .plan: same.filter(\.$planID == planID)
        case .program: same.filter(\.$programID == programID)
        case .riskMap: same.filter(\.$riskMapID == riskMapID)
        }
        let previous = try await same.max(\.$version) ?? 0
        let p = Publication()
        p.$entity.id = user.entityID
        p.kind = kind
        p.planID = planID
        p.programID = programID
        p.riskMapID = riskMapID
        p.numero = numero
        p.version = previous + 1
        p.year = year
        p.title = title ?? doc.titulo + (doc.subtitulo.map { " · \($0)" } ?? "")
        p.fileName = doc.nombreArchivo + (previous > 0 ? "_v\(previous + 1)" : "")
        p.document = String(decoding: try PlanDocument.encoder.encode(doc), as: UTF8.self)
        p.pdf = pdf
        p.xlsx = xlsx
        p.pdfSHA256 = sha256(pdf)
        p.xlsxSHA256 = sha256(xlsx)
        p.deadline = deadline
        p.publishedOn = LocalDate.today(now: user.requestedAt)
        p.publishedAt = user.requestedAt
        p.publishedBy = user.name
        p.note = note
        try await p.create(on: db)
        try await AuditLog.record("Publicó \(p.title) (versión \(p.version))", by: Actor(user), entityID: user.entityID,
                                  objectType: "publicación", objectID: p.id, planID: planID, programID: programID,
                                  changes: [FieldChange(field: "SHA-256 del PDF", old: nil, new: p.pdfSHA256)], on: db)
        return p
    }

    static func frozenDocument(_ p: Publication) throws -> ReportDocument {
        try JSONDecoder().decode(ReportDocument.self, from: Data(p.document.utf8))
    }
}
