import Fluent
import Vapor
import VigiaCore
import VigiaFormats

/// Autoreportes: a responsable reports, per action and round, a %, a description and its
/// evidence (files and links). Never the OCI's grade; locked once the OCI has graded it.
enum ProgressReportController {
    struct Context {
        let plan: ImprovementPlan
        let round: FollowUpRound
        let action: Action
        let finding: Finding
        let report: ProgressReport?
        let evidences: [ReportEvidence]
        let graded: Bool
    }

    static func round(_ req: Request, plan: ImprovementPlan) async throws -> FollowUpRound {
        let numero = try req.intParameter("numero")
        guard let round = try await FollowUpRound.query(on: req.db).filter(\.$plan.$id == plan.requireID())
            .filter(\.$numero == numero).first() else {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(numero).")
        }
        return round
    }

    /// The responsable of the plan's dependency reports; the OCI and others read.
    static func context(_ req: Request, writing: Bool) async throws -> Context {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        if writing && !PlanPermissions.writesSelfReports(role: user.role) {
            throw Abort(.forbidden, reason: "El autoreporte lo presenta el responsable de la dependencia; la OCI califica en el seguimiento.")
        }
        let round = try await round(req, plan: plan)
        let (action, finding) = try await ActionController.actionOf(plan, req)
        let report = try await ProgressReport.query(on: req.db).filter(\.$action.$id == action.requireID())
            .filter(\.$round.$id == round.requireID()).first()
        var evidences: [ReportEvidence] = []
        if let report {
            evidences = try await ReportEvidence.query(on: req.db).filter(\.$reportKind == .autoreporte)
                .filter(\.$reportID == report.requireID()).with(\.$file).sort(\.$createdAt).all()
        }
        let graded = try await ActionGrade.isGraded(action: action.requireID(), round: round.requireID(), on: req.db)
        return Context(plan: plan, round: round, action: action, finding: finding, report: report, evidences: evidences, graded: graded)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        let round = try await round(req, plan: plan)
        let snap = try await PlanStore.snapshot(of: plan, on: req.db)
        let reports = try await ProgressReport.query(on: req.db).filter(\.$round.$id == round.requireID()).all()
        let model = ProgressReportViews.ListModel(
            snapshot: snap, roundNumero: round.numero, fechaCorte: round.fechaCorte, window: round.reportingWindow,
            reports: Dictionary(reports.compactMap { r in r.$action.id.map { ($0, ProgressReportViews.Report(r)) } }, uniquingKeysWith: { first, _ in first }),
            canReport: PlanPermissions.writesSelfReports(role: user.role))
        if let format = try ListDownload.format(req) {
            return try ListDownload.response(ListTables.progressReports(model, today: req.today), format, today: req.today)
        }
        let page = PageContext(req, title: ProgressReportViews.listTitle, entityName: snap.formato.entidad)
        return Layout.render(page) { ProgressReportViews.listContent(model) }
    }

    @Sendable static func form(req: Request) async throws -> Response {
        let ctx = try await context(req, writing: false)
        return try formPage(req, ctx, user: try req.requireUser())
    }

    static func formPage(_ req: Request, _ c: Context, user: CurrentUser, values: [String: String] = [:], errors: [String: String] = [:],
                         status: HTTPStatus = .ok) throws -> Response {
        let writes = PlanPermissions.writesSelfReports(role: user.role)
        // The OCI and consulta read; a responsable is told why a closed report cannot be filed.
        let closed = ProgressReportService.refusal(c, today: req.today)
        let editable = writes && closed == nil
        let files = try c.evidences.map { ev in
            ProgressReportViews.File(id: try ev.requireID(), name: ev.name, sizeBytes: ev.file.size, uploadedBy: ev.uploadedByName,
                                     uploadedOn: ev.createdAt.map { LocalDate.today(now: $0) }, removable: ev.$uploadedBy.id == user.id)
        }
        let model = ProgressReportViews.FormModel(
            planID: try c.plan.requireID(), roundNumero: c.round.numero, findingNumero: c.finding.numero, actionID: try c.action.requireID(),
            actionPosition: c.action.position, actionText: c.action.descripcion, closedReason: writes || c.graded ? closed : nil, editable: editable,
            report: c.report.map(ProgressReportViews.Report.init), files: files, values: values, errors: errors,
            maxMB: req.application.settings.maxEvidenceBytes / 1024 / 1024)
        let page = PageContext(req, title: ProgressReportViews.formTitle)
        return Layout.render(page, status: status) { ProgressReportViews.formContent(model, csrf: page.csrf) }
    }

    /// Streams the multipart form: files go to disk as they arrive, nothing is kept on error.
    @Sendable static func save(req: Request) async throws -> Response {
        let useCase = try req.useCase()
        let ctx = try await context(req, writing: true)
        try ProgressReportService.checkOpen(ctx, today: useCase.today)
        let upload = try await EvidenceUpload.read(req, folder: EvidenceStore.root(req.application).appendingPathComponent("tmp"))
        do {
            try await ProgressReportService.file(ProgressReportInput(upload), on: ctx, files: upload.files, app: req.application, in: useCase)
        } catch let invalid as InvalidInput {
            upload.discard()
            return try formPage(req, ctx, user: useCase.user, values: upload.fields,
                                errors: invalid.problems,
                                status: .unprocessableEntity)
        } catch {
            upload.discard()
            throw error
        }
        req.flash("Autoreporte guardado\(upload.files.isEmpty ? "" : " con \(upload.files.count) archivo(s)"). La OCI lo verá al calificar el seguimiento \(ctx.round.numero).")
        return req.redirect(to: SiteURL.progressReports(.value(try ctx.plan.requireID()), .value(ctx.round.numero)).path)
    }

    // MARK: - Evidence files

    /// The file as an attachment, to users who may read the plan it belongs to.
    @Sendable static func download(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let ev = try await ReportEvidence.query(on: req.db).filter(\.$id == req.uuidParameter("evidence"))
            .filter(\.$entity.$id == user.entityID).with(\.$file).first() else {
            throw Abort(.notFound, reason: "El archivo no existe o usted no tiene acceso a él.")
        }
        if ev.reportKind == .effectivenessReview {
            guard let review = try await FindingReview.query(on: req.db).filter(\.$id == ev.reportID)
                .filter(\.$entity.$id == user.entityID).first() else {
                throw Abort(.notFound, reason: "El archivo no existe.")
            }
            _ = try await Access.plan(review.$plan.id, for: user, .read, on: req.db)
        } else {
            try await authorize(ev, user: user, on: req.db)
        }
        guard let res = try await EvidenceStore.body(of: ev.file, req: req) else {
            throw Abort(.notFound, reason: "El archivo ya no está en el almacenamiento.")
        }
        res.headers.replaceOrAdd(name: .contentType, value: ev.file.mime)
        let ascii = ev.name.map { $0.isASCII && $0 != "\"" ? $0 : "_" }
        res.headers.replaceOrAdd(name: .contentDisposition,
                                 value: "attachment; filename=\"\(String(ascii))\"; filename*=UTF-8''\(ev.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return res
    }

    /// The report the file belongs to, if the user may read it: a plan's autoreporte to those
    /// who read the plan; a program's monitoreo to every user of the entity.
    @discardableResult
    static func authorize(_ ev: ReportEvidence, user: CurrentUser, on db: Database) async throws -> ProgressReport {
        guard let report = try await ProgressReport.query(on: db).filter(\.$id == ev.reportID).filter(\.$entity.$id == user.entityID)
            .with(\.$action, { $0.with(\.$finding) }).with(\.$period).first() else {
            throw Abort(.notFound, reason: "El archivo no existe.")
        }
        if let finding = report.action?.finding {
            _ = try await Access.plan(finding.$plan.id, for: user, .read, on: db)
        }
        return report
    }

    /// Removes a file from an autoreporte or a monitoreo: only its uploader, only while the
    /// report is open (`ReportLock`: not graded, not published, inside the window).
    @Sendable static func delete(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let ev = try await ReportEvidence.query(on: req.db).filter(\.$id == req.uuidParameter("evidence"))
            .filter(\.$entity.$id == user.entityID).first() else {
            throw Abort(.notFound, reason: "El archivo no existe o usted no tiene acceso a él.")
        }
        guard ev.reportKind != .effectivenessReview else {
            throw Abort(.conflict, reason: "Los archivos de una revisión de eficacia y efectividad no se quitan: forman parte de su registro.")
        }
        let report = try await authorize(ev, user: user, on: req.db)
        guard ev.$uploadedBy.id == user.id else { throw Abort(.forbidden, reason: "Solo quien subió el archivo puede quitarlo.") }
        try await ReportLock.of(report, on: req.db).check(on: req.today)
        let name = ev.name
        let kind = report.kind.label
        try await req.db.transaction { db in
            try await EvidenceStore.detach(ev, app: req.application, on: db)
            try await AuditLog.record("Quitó un archivo del \(kind)", by: Actor(user), entityID: user.entityID, objectType: kind,
                                      objectID: report.id, planID: report.action?.finding.$plan.id, programID: report.period?.$program.id,
                                      changes: [FieldChange(field: "archivo", old: name, new: nil)], on: db)
        }
        req.flash("Se quitó «\(name)» del \(kind).")
        return req.redirect(to: SafeRedirect.path(req.headers.first(name: .referer).flatMap { URL(string: $0)?.path }) ?? SiteURL.home.path)
    }
}

extension ProgressReportViews.Report {
    init(_ r: ProgressReport) { self.init(percent: r.porcentaje, text: r.descripcion, links: r.enlaces) }
}
