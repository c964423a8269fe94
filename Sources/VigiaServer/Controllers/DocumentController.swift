import Fluent
import Vapor
import VigiaCore
import VigiaFormats

/// The official documents, as a printable page, XLSX or PDF: from the pages and the API alike.
enum DocumentController {
    @Sendable static func planDocument(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        let snap = try await PlanStore.snapshot(of: plan, on: req.db)
        let round = req.siteQuery(.round)
        if let round, !snap.seguimientos.contains(where: { $0.numero == round }) {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(round).")
        }
        return try await respond(req, PlanReport.build(snap, round: round))
    }

    @Sendable static func programDocument(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: user, on: req.db)
        let snap = try await ProgramStore.snapshot(of: program, on: req.db)
        let period = try req.intParameter("numero")
        guard snap.periodos.contains(where: { $0.numero == period }) else {
            throw Abort(.notFound, reason: "El programa no tiene el periodo \(period).")
        }
        return try await respond(req, ProgramReport.build(snap, period: period, method: program.metodo))
    }

    /// The map and the OCI's seguimiento of `?periodo=N` (the last with grades by default).
    @Sendable static func riskMapDocument(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let model = try await RiskMapPage.query(try req.uuidParameter("map"), entityID: user.entityID, period: req.siteQuery(.period),
                                                cell: nil, on: req.db)
        let formato = try await Entity.find(user.entityID, on: req.db)?.format ?? FormatHeader()
        return try await respond(req, RiskMapDocument.build(model.map, period: model.report.periodo, formato: formato))
    }

    /// SIRECI's F14.1 of a plan at `?corte=`, as XLSX, to whoever reads the plan.
    @Sendable static func planF14(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        let corte: LocalDate
        do { corte = try VigiaTasks.f14Cut(req.query[String.self, at: "corte"]) } catch let e as ValidationFailure {
            throw Abort(.unprocessableEntity, reason: e.description)
        }
        let snap = try await PlanStore.snapshot(of: plan, on: req.db)
        let entity = try await Entity.find(user.entityID, on: req.db)
        let doc = F14Report.build(snap, corte: corte, formato: entity?.format ?? snap.formato)
        return file(try VigiaTasks.render(doc, as: .xlsx, logo: nil), name: "\(doc.nombreArchivo).xlsx", type: ReportFormat.xlsx.contentType)
    }

    /// «Estado de los planes» for the comité: every plan the user sees, at today's date
    /// (`?formato=html|xlsx|pdf`; the address has no id, so no parameter to take from another entity).
    @Sendable static func committeeReport(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plans = try await Access.plans(for: user, on: req.db)
        let snaps = try await PlanStore.snapshots(of: plans, on: req.db)
        let entity = try await Entity.find(user.entityID, on: req.db)
        return try await respond(req, CommitteeReport.entity(snaps, formato: entity?.format ?? FormatHeader(), today: req.today),
                                 format: req.query[String.self, at: "formato"] ?? "html")
    }

    /// The same for one plan, finding by finding.
    @Sendable static func planCommitteeReport(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        return try await respond(req, CommitteeReport.plan(try await PlanStore.snapshot(of: plan, on: req.db), today: req.today))
    }

    static func respond(_ req: Request, _ doc: ReportDocument, format chosen: String? = nil) async throws -> Response {
        let format = chosen ?? req.parameters.get("formato") ?? "html"
        let entityID = try req.requireUser().entityID
        switch format {
        case "html":
            let ctx = PageContext(req, title: doc.titulo, entityName: doc.formato.entidad)
            let round: Int? = req.query["seguimiento"]
            let logo = try await LogoController.hasLogo(entityID, on: req.db) ? SiteURL.entityLogo(.value(entityID)).path : nil
            return Layout.render(ctx) { ReportHTMLView.content(doc, round: round, logo: logo) }
        case "xlsx", "pdf":
            let f = ReportFormat(rawValue: format)!
            let data = try VigiaTasks.render(doc, as: f, logo: try await Entity.find(entityID, on: req.db)?.logoPNG)
            return file(data, name: "\(doc.nombreArchivo).\(format)", type: f.contentType)
        default:
            throw Abort(.notFound, reason: "Formato «\(format)» no disponible; use html, xlsx o pdf.")
        }
    }

    /// A download: attachment with its file name (ASCII fallback and UTF-8).
    static func file(_ data: Data, name: String, type: String) -> Response {
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.replaceOrAdd(name: .contentType, value: type)
        let ascii = name.map { $0.isASCII && $0 != "\"" ? $0 : "_" }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(String(ascii))\"; filename*=UTF-8''\(encoded)")
        return res
    }
}
