import Fluent
import Vapor
import VigiaCore

/// The OCI's seguimiento of a corruption risk map in one period, and its publication on the
/// transparency page beside the program of the same vigencia.
enum RiskFollowUpController {
    static func model(_ req: Request, sent: [String: String]? = nil, errors: [String: String] = [:]) async throws -> RiskFollowUpView.Model {
        let user = try req.requireUser()
        try RiskMapService.requireFollowUp(user)
        let id = try req.uuidParameter("map"), period = try req.intParameter("periodo")
        let (map, revision) = try await RiskMapService.read(id, entityID: user.entityID, on: req.db)
        guard let snapshot = map.periodos.first(where: { $0.numero == period }) else {
            throw Abort(.notFound, reason: "El mapa de riesgos \(map.vigencia) no tiene el periodo \(period).")
        }
        let published = try await Publication.query(on: req.db).filter(\.$entity.$id == user.entityID).filter(\.$kind == .riskMap)
            .filter(\.$riskMapID == id).filter(\.$numero == period).summaryFields().sort(\.$version, .descending).all()
        let lines = published.map {
            RiskFollowUpView.PublicationLine(id: $0.id ?? UUID(), version: $0.version, publishedOn: $0.publishedOn, sha256: $0.pdfSHA256,
                                             timing: $0.timing.label ?? "sin plazo legal")
        }
        let reports = try await ProgressReport.query(on: req.db).filter(\.$entity.$id == user.entityID).filter(\.$kind == .riskMonitoring)
            .filter(\.$riskMapID == id).filter(\.$periodo == period).all()
        let monitoring = Dictionary(reports.compactMap { r in r.riskNumero.flatMap { n in r.riskAccion.map { ("\(n)-\($0)", ProgressReportViews.Report(r)) } } },
                                    uniquingKeysWith: { first, _ in first })
        return RiskFollowUpView.Model(mapID: id, map: map, revision: sent.flatMap { Int($0["revision"] ?? "") } ?? revision, period: period,
                                      sent: sent, errors: errors, publications: lines, deadline: snapshot.fechaLimitePublicacion, monitoring: monitoring)
    }

    static func render(_ req: Request, _ model: RiskFollowUpView.Model, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: RiskFollowUpView.title(model))
        return Layout.render(ctx, status: status) { RiskFollowUpView.content(model, csrf: ctx.csrf) }
    }

    @Sendable static func form(req: Request) async throws -> Response { render(req, try await model(req)) }

    @Sendable static func save(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFollowUp(ctx.user)
        let id = try req.uuidParameter("map"), period = try req.intParameter("periodo")
        let sent = try req.content.decode([String: String].self)
        let (map, _) = try await RiskMapService.read(id, entityID: ctx.entityID, on: req.db)
        let (grades, mats) = RiskFollowUpView.inputs(sent, map: map)
        do {
            try await RiskMapService.saveFollowUp(id, period: period, grades: grades, materialisations: mats, seen: Int(sent["revision"] ?? ""), ctx: ctx)
        } catch let invalid as InvalidInput {
            return render(req, try await model(req, sent: sent, errors: invalid.problems), status: .unprocessableEntity)
        }
        req.flash("Seguimiento del periodo \(period) guardado.")
        return req.redirect(to: RiskMapPage.path(id, period: period))
    }

    struct PublishForm: Content {
        var revision: Int?
        var motivo: String?
    }

    @Sendable static func publish(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try RiskMapService.requireFollowUp(user)
        let id = try req.uuidParameter("map"), period = try req.intParameter("periodo")
        let form = try req.content.decode(PublishForm.self)
        let formato = try await Entity.find(user.entityID, on: req.db)?.format ?? FormatHeader()
        let publication: Publication
        do {
            publication = try await publish(req, id, period, form, formato: formato)
        } catch let invalid as InvalidInput {
            // Only the reason comes back as typed: the grades on the page stay the stored ones, so
            // saving that page again never blanks them.
            var m = try await model(req, errors: invalid.problems)
            m.motivo = form.motivo ?? ""
            return render(req, m, status: .unprocessableEntity)
        }
        let timing = publication.timing.lateNotice.map { " " + $0 } ?? ""
        req.flash("Seguimiento del mapa de riesgos publicado (versión \(publication.version)).\(timing) SHA-256 del PDF: \(publication.pdfSHA256)")
        return req.redirect(to: SiteURL.riskMapFollowUp(.value(id), .value(period)).path)
    }

    /// Freezes the period's document; a second version needs its reason.
    static func publish(_ req: Request, _ id: UUID, _ period: Int, _ form: PublishForm, formato: FormatHeader) async throws -> Publication {
        let user = try req.requireUser()
        return try await req.db.transaction { db in
            // Under the map's lock: two publications of one period get versions 1 and 2, never two 1s.
            let record = try await RiskMapService.lockedRead(id, entityID: user.entityID, on: db)
            let map = try record.map()
            if let seen = form.revision, seen != record.revision { throw RiskMapService.conflict(map.vigencia) }
            guard let snapshot = map.periodos.first(where: { $0.numero == period }) else {
                throw Abort(.notFound, reason: "El mapa de riesgos \(map.vigencia) no tiene el periodo \(period).")
            }
            let earlier = try await Publication.query(on: db).filter(\.$kind == .riskMap).filter(\.$riskMapID == id).filter(\.$numero == period).count()
            let reason = (form.motivo ?? "").trimmed
            if earlier > 0 && reason.isEmpty {
                throw InvalidInput(field: "motivo", "Motivo: explique qué cambia en la nueva versión; se publica con ella.")
            }
            let doc = RiskMapDocument.build(map, period: period, formato: formato)
            return try await Publishing.publish(doc, kind: .riskMap, planID: nil, programID: nil, riskMapID: id, numero: period, year: map.vigencia,
                                                deadline: snapshot.fechaLimitePublicacion, note: reason.isEmpty ? "" : "Corrección: \(reason)",
                                                user: user, on: db)
        }
    }
}

extension RiskMapService {
    static func saveFollowUp(_ id: UUID, period: Int, grades: [RiskGradeInput], materialisations: [RiskMaterialisationInput], seen: Int?,
                             ctx: UseCaseContext) async throws {
        try requireFollowUp(ctx.user)
        try await change(id, seen: seen, ctx: ctx, summary: "Registró el seguimiento del periodo \(period)") { map throws(RiskMapEditError) in
            try map.setFollowUps(period: period, grades: grades, materialisations: materialisations)
        }
    }
}
