import Fluent
import Plot
import Vapor
import VigiaCore
import VigiaFormats

/// Evidence files of a responsable's monitoreo of a program activity (streamed like the
/// autoreportes' files; same checks, same store).
enum MonitoringEvidenceController {
    struct Context {
        let program: AnticorruptionProgram
        let period: FollowUpPeriod
        let activity: ProgramActivity
        let monitoring: ProgressReport?
        let evidences: [ReportEvidence]
    }

    static func context(_ req: Request, writing: Bool) async throws -> Context {
        let user = try req.requireUser()
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: user, on: req.db)
        let numero = try req.intParameter("numero")
        guard let period = try await FollowUpPeriod.query(on: req.db).filter(\.$program.$id == program.requireID()).filter(\.$numero == numero).first(),
              let activity = try await ProgramActivity.query(on: req.db).filter(\.$id == req.uuidParameter("activity"))
                .filter(\.$entity.$id == user.entityID).with(\.$component).first(),
              activity.component.$program.id == program.id else {
            throw Abort(.notFound, reason: "La actividad o el periodo no existen en este programa.")
        }
        if writing {
            try ProgramAccess.requireMonitoring(user)
            guard try await ProgramAccess.activityIDs(of: user, on: req.db).contains(try activity.requireID()) else {
                throw Abort(.forbidden, reason: "Esta actividad no está a cargo de su dependencia.")
            }

        }
        let monitoring = try await ProgressReport.query(on: req.db).filter(\.$activity.$id == activity.requireID())
            .filter(\.$period.$id == period.requireID()).first()
        var evidences: [ReportEvidence] = []
        if let monitoring {
            evidences = try await ReportEvidence.query(on: req.db).filter(\.$reportKind == .monitoreo)
                .filter(\.$reportID == monitoring.requireID()).with(\.$file).all()
        }
        return Context(program: program, period: period, activity: activity, monitoring: monitoring, evidences: evidences)
    }

    @Sendable static func page(req: Request) async throws -> Response {
        render(req, try await context(req, writing: false), error: nil)
    }

    @Sendable static func upload(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let c = try await context(req, writing: true)
        let app = req.application
        let upload = try await EvidenceUpload.read(req,
                                                   folder: EvidenceStore.root(app).appendingPathComponent("tmp"))
        // After the upload's CSRF check: a forged request learns nothing.
        let grade = try await ActivityFollowUp.query(on: req.db).filter(\.$activity.$id == c.activity.requireID())
            .filter(\.$period.$id == c.period.requireID()).first()
        if let refusal = ReportLock.monitoreo(graded: grade?.isGraded ?? false, period: c.period).refusal(on: req.today) {
            upload.discard()
            throw Abort(.conflict, reason: refusal)
        }
        let refused = upload.files.filter { $0.type == nil }.map { "Archivo «\($0.name)»: su contenido no es \(EvidenceType.accepted)." }
        guard refused.isEmpty, !upload.files.isEmpty else {
            upload.discard()
            return render(req, c, error: refused.isEmpty ? "Elija al menos un archivo." : refused.joined(separator: " "), status: .unprocessableEntity)
        }
        do {
            try await req.db.transaction { db in
                let m = try c.monitoring ?? ProgressReport(entityID: user.entityID, activityID: c.activity.requireID(), periodID: c.period.requireID())
                m.$reportedBy.id = user.id
                try await m.save(on: db)
                try await EvidenceStore.attach(upload.files, kind: .monitoreo, reportID: m.requireID(), by: user, app: app, on: db)
                try await AuditLog.record("Adjuntó evidencias al monitoreo (\(c.period.nombre.lowercased()))", by: Actor(user),
                                          entityID: user.entityID, objectType: "monitoreo", objectID: m.id, planID: nil, programID: c.program.id,
                                          changes: upload.files.map { FieldChange(field: "archivo", old: nil, new: $0.name) }, on: db)
            }
        } catch {
            upload.discard()
            throw error
        }
        req.flash("\(upload.files.count) archivo(s) adjuntado(s) al monitoreo.")
        return req.redirect(to: SiteURL.monitoringEvidence(.value(try c.program.requireID()), .value(c.period.numero), .value(try c.activity.requireID())).path)
    }

    static func render(_ req: Request, _ c: Context, error: String?, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: "Evidencias del monitoreo")
        let model = MonitoringEvidencePage.Model(c, user: req.currentUser, error: error)
        return Layout.render(ctx, status: status) { MonitoringEvidencePage.View.content(model, csrf: ctx.csrf) }
    }
}
