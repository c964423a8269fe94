import Fluent
import Vapor
import VigiaCore
import VigiaFormats

/// The responsables' monitoreo of a corruption risk map's actions: per action and period a %, a
/// description, links and evidence files, in the one progress-report table (kind `monitoreo_riesgo`)
/// and with the same lock (`ReportLock`): open from the period's start to the OCI's publication
/// deadline, closed once the OCI graded the action in the period or published the period. The
/// responsables of the action's dependencias write; every user of the entity reads.
enum RiskMonitoringController {
    struct Context {
        let mapID: UUID
        let map: RiskMap
        let period: PeriodSnapshot
        let risk: Risk
        let position: Int
        let action: RiskAction
        let report: ProgressReport?
        let evidences: [ReportEvidence]
        let lock: ReportLock
    }

    static func context(_ req: Request, writing: Bool) async throws -> Context {
        let user = try req.requireUser()
        let id = try req.uuidParameter("map"), numero = try req.intParameter("numero")
        let position = try req.intParameter("posicion"), periodo = try req.intParameter("periodo")
        let (map, _) = try await RiskMapService.read(id, entityID: user.entityID, on: req.db)
        guard let period = map.periodos.first(where: { $0.numero == periodo }), let risk = map.riesgos.first(where: { $0.numero == numero }),
              risk.acciones.hasPosition(position) else {
            throw Abort(.notFound, reason: "La acción o el periodo no existen en el mapa de riesgos \(map.vigencia).")
        }
        let action = risk.acciones[position - 1]
        if writing {
            guard RiskMapPermissions.reportsMonitoring(role: user.role, dependency: user.dependencyID, of: action.plan) else {
                throw Abort(.forbidden, reason: "El monitoreo de esta acción lo presentan los responsables de su dependencia; la OCI registra el seguimiento.")
            }
        }
        let report = try await ProgressReport.query(on: req.db).filter(\.$kind == .riskMonitoring).filter(\.$riskMapID == id)
            .filter(\.$riskNumero == numero).filter(\.$riskAccion == position).filter(\.$periodo == periodo).first()
        var evidences: [ReportEvidence] = []
        if let report {
            evidences = try await ReportEvidence.query(on: req.db).filter(\.$reportKind == .riskMonitoring)
                .filter(\.$reportID == report.requireID()).with(\.$file).sort(\.$createdAt).all()
        }
        let published = try await ReportLock.riskMapPublished(id, period: periodo, on: req.db)
        let lock = ReportLock.riskMonitoring(map, period: periodo, numero: numero, accion: position, published: published)
        return Context(mapID: id, map: map, period: period, risk: risk, position: position, action: action, report: report, evidences: evidences, lock: lock)
    }

    @Sendable static func form(req: Request) async throws -> Response {
        try page(req, try await context(req, writing: false), user: try req.requireUser())
    }

    static func page(_ req: Request, _ c: Context, user: CurrentUser, values: [String: String] = [:], errors: [String: String] = [:],
                     status: HTTPStatus = .ok) throws -> Response {
        let writes = RiskMapPermissions.reportsMonitoring(role: user.role, dependency: user.dependencyID, of: c.action.plan)
        let closed = c.lock.refusal(on: req.today)
        let files = try c.evidences.map { ev in
            ProgressReportViews.File(id: try ev.requireID(), name: ev.name, sizeBytes: ev.file.size, uploadedBy: ev.uploadedByName,
                                     uploadedOn: ev.createdAt.map { LocalDate.today(now: $0) }, removable: ev.$uploadedBy.id == user.id)
        }
        let model = ProgressReportViews.FormModel(
            heading: "Monitoreo · riesgo \(c.risk.numero), acción \(c.position) · \(c.period.displayName)",
            postPath: SiteURL.riskMonitoring(.value(c.mapID), .value(c.period.numero), .value(c.risk.numero), .value(c.position)).path,
            backPath: RiskMapPage.path(c.mapID, period: c.period.numero), saveLabel: "Guardar el monitoreo",
            emptyText: "Sin monitoreo de esta acción en este periodo.", actionText: "\(c.action.plan.descripcion) — Riesgo: \(c.risk.riesgo)",
            closedReason: writes || c.lock.graded ? closed : nil, editable: writes && closed == nil,
            report: c.report.map(ProgressReportViews.Report.init), files: files, values: values, errors: errors,
            maxMB: req.application.settings.maxEvidenceBytes / 1024 / 1024)
        let ctx = PageContext(req, title: "Monitoreo del mapa de riesgos")
        return Layout.render(ctx, status: status) { ProgressReportViews.formContent(model, csrf: ctx.csrf) }
    }

    /// Streams the multipart form: files go to disk as they arrive; nothing is kept on a refusal.
    @Sendable static func save(req: Request) async throws -> Response {
        let useCase = try req.useCase()
        let c = try await context(req, writing: true)
        // The lock is checked after the stream's CSRF check (a forged request learns nothing), and again under the map's lock.
        let upload = try await EvidenceUpload.read(req, folder: EvidenceStore.root(req.application).appendingPathComponent("tmp"))
        do {
            try await file(ProgressReportInput(upload), on: c, files: upload.files, app: req.application, in: useCase)
        } catch let invalid as InvalidInput {
            upload.discard()
            return try page(req, c, user: useCase.user, values: upload.fields,
                            errors: invalid.problems, status: .unprocessableEntity)
        } catch {
            upload.discard()
            throw error
        }
        req.flash("Monitoreo guardado\(upload.files.isEmpty ? "" : " con \(upload.files.count) archivo(s)"). La OCI lo verá al registrar el seguimiento del \(c.period.displayName.lowercased()).")
        return req.redirect(to: RiskMapPage.path(c.mapID, period: c.period.numero))
    }

    /// Saves the report and its files in one transaction, audited like autoreportes.
    static func file(_ input: ProgressReportInput, on c: Context, files: [EvidenceUpload.File], app: Application, in useCase: UseCaseContext) async throws {
        try c.lock.check(on: useCase.today)
        let (problems, percent) = ProgressReportService.problems(input, files: files)
        try InvalidInput.check(problems)
        let report = c.report ?? ProgressReport(entityID: useCase.entityID, riskMapID: c.mapID, numero: c.risk.numero, accion: c.position, periodo: c.period.numero)
        let (mapID, numero, position, period, text, isNew) = (c.mapID, c.risk.numero, c.position, c.period.numero, c.action.plan.descripcion, c.report == nil)
        let today = useCase.today
        do {
            try await ProgressReportService.write(input, percent: percent, into: report, files: files, app: app, in: useCase,
                                                  summary: "Presentó el monitoreo de la acción \(c.position) del riesgo \(c.risk.numero) del mapa de riesgos \(c.map.vigencia) (\(c.period.displayName.lowercased()))",
                                                  first: { db in
                // Under the map's lock, as it is now: the action still there, still open, and no report made meanwhile.
                let map = try await RiskMapService.lockedRead(mapID, entityID: useCase.entityID, on: db).map()
                let actions = map.riesgos.first { $0.numero == numero }?.acciones ?? []
                guard actions.hasPosition(position), actions[position - 1].plan.descripcion == text else {
                    throw Abort(.conflict, reason: "La acción cambió mientras usted reportaba: vuelva a abrir el mapa.")
                }
                let published = try await ReportLock.riskMapPublished(mapID, period: period, on: db)
                try ReportLock.riskMonitoring(map, period: period, numero: numero, accion: position, published: published).check(on: today)
                if isNew, try await ProgressReport.query(on: db).filter(\.$riskMapID == mapID).filter(\.$riskNumero == numero)
                    .filter(\.$riskAccion == position).filter(\.$periodo == period).first() != nil {
                    throw Abort(.conflict, reason: "Otra persona guardó el monitoreo de esta acción al mismo tiempo: vuelva a abrirlo.")
                }
            })
        } catch where RiskMapService.isDuplicate(error) {
            throw Abort(.conflict, reason: "Otra persona guardó el monitoreo de esta acción al mismo tiempo: vuelva a abrirlo.")
        }
    }
}
