import Fluent
import Vapor
import VigiaCore
import VigiaFormats

/// A responsable's autoreporte as the form sends it: the % as typed, the text, the links.
struct ProgressReportInput: Sendable {
    var percent: String
    var description: String
    var links: [String]

    init(percent: String, description: String, links: String) {
        self.percent = percent.trimmed
        self.description = description.trimmed
        self.links = links.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    init(_ upload: EvidenceUpload) {
        self.init(percent: upload.fields["porcentaje"] ?? "", description: upload.fields["descripcion"] ?? "",
                  links: upload.fields["enlaces"] ?? "")
    }
}

/// Autoreportes: what a responsable reports on an action for a round — never the OCI's grade.
/// Open and locked by `ReportLock` (VigiaCore's ProgressReportRules), like the monitoreo of program activities.
enum ProgressReportService {
    /// Why the rules close the report today (graded, published, outside the round's window), or nil.
    static func refusal(_ ctx: ProgressReportController.Context, today: LocalDate) -> String? {
        ReportLock.autoreporte(graded: ctx.graded, round: ctx.round).refusal(on: today)
    }

    /// Refuses (409) a report the rules close.
    static func checkOpen(_ ctx: ProgressReportController.Context, today: LocalDate) throws {
        try ReportLock.autoreporte(graded: ctx.graded, round: ctx.round).check(on: today)
    }

    static func problems(_ input: ProgressReportInput, files: [EvidenceUpload.File]) -> ([String: String], Double?) {
        var e: [String: String] = [:]
        let percent = PercentInput(input.percent)
        if let problem = percent.problem(field: "% de avance:") { e["porcentaje"] = problem }
        if input.description.isEmpty { e["descripcion"] = "Descripción: cuente qué se hizo en el periodo." }
        if let link = input.links.first(where: { !SafeURL.isWebLink($0) }) {
            e["enlaces"] = "Enlaces: «\(link)» no es un enlace (http:// o https://)."
        }
        for (i, file) in files.enumerated() where file.type == nil {
            e["archivo\(i)"] = "Archivo «\(file.name)»: su contenido no es \(EvidenceType.accepted); no se aceptó (se revisa el contenido, no el nombre)."
        }
        return (e, percent.value)
    }

    /// Saves the report and its files in one transaction, with every change in the audit trail.
    static func file(_ input: ProgressReportInput, on ctx: ProgressReportController.Context, files: [EvidenceUpload.File],
                     app: Application, in useCase: UseCaseContext) async throws {
        try checkOpen(ctx, today: useCase.today)
        let (problems, percent) = self.problems(input, files: files)
        try InvalidInput.check(problems)
        let report = try ctx.report ?? ProgressReport(entityID: useCase.entityID, actionID: ctx.action.requireID(), roundID: ctx.round.requireID())
        try await write(input, percent: percent, into: report, files: files, app: app, in: useCase,
                        summary: "Presentó el autoreporte de la acción \(ctx.action.position) del hallazgo \(ctx.finding.numero) (seguimiento \(ctx.round.numero))",
                        planID: ctx.plan.id)
    }

    /// Writes a responsable's report of any kind and its files in one transaction, audited with
    /// every field that changed: the one path for autoreportes and the risk map's monitoreo.
    /// `first` runs inside the transaction before anything is written (a recheck under a lock).
    static func write(_ input: ProgressReportInput, percent: Double?, into report: ProgressReport, files: [EvidenceUpload.File],
                      app: Application, in useCase: UseCaseContext, summary: String, planID: UUID? = nil,
                      first: (@Sendable (Database) async throws -> Void)? = nil) async throws {
        try await useCase.db.transaction { db in
            try await first?(db)
            let links = input.links.joined(separator: "\n")
            let changes = AuditLog.diff([
                ("% reportado", report.porcentaje.map { SpanishFormat.percent($0) }, percent.map { SpanishFormat.percent($0) }),
                ("descripción del \(report.kind.label)", report.descripcion.isEmpty ? nil : report.descripcion, input.description),
                ("enlaces", report.enlaces.isEmpty ? nil : report.enlaces, links.isEmpty ? nil : links),
            ]) + files.map { FieldChange(field: "archivo", old: nil, new: "\($0.name) (SHA-256 \($0.sha256.prefix(12))…)") }
            report.porcentaje = percent
            report.descripcion = input.description
            report.enlaces = links
            report.$reportedBy.id = useCase.user.id
            try await report.save(on: db)
            try await EvidenceStore.attach(files, kind: report.kind, reportID: report.requireID(), by: useCase.user, app: app, on: db)
            try await AuditLog.record(summary, by: useCase.actor, entityID: useCase.entityID, objectType: report.kind.label, objectID: report.id,
                                      planID: planID, changes: changes, on: db)
        }
    }
}
