import Fluent
import Vapor
import VigiaCore
import VigiaFormats

/// Private iCalendar feeds: each user's actions' fechas finales, cut-offs and publication deadlines.
enum CalendarController {
    static func feedURL(_ req: Request, token: String) -> String {
        let base = ProcessInfo.processInfo.environment["VIGIA_PUBLIC_URL"] ?? "http://\(req.headers.first(name: .host) ?? "127.0.0.1:8080")"
        return base + SiteURL.calendarFeed(.value(token + ".ics")).path
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let model = try await CalendarPage.Model.query(on: req.db, user: user, today: req.today)
        return render(req, model)
    }

    struct RotateForm: Content { var accion: String }

    /// “nuevo”: a new address (the old one stops working); “revocar”: no address at all.
    @Sendable static func rotate(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(RotateForm.self)
        let token: String? = form.accion == "nuevo" ? Token.random() : nil
        try await req.db.transaction { db in
            try await CalendarToken.query(on: db).filter(\.$user.$id == user.id).delete()
            if let token {
                try await CalendarToken(userID: user.id, tokenHash: Token.sha256(token)).create(on: db)
            }
            try await AuditLog.record(form.accion == "nuevo" ? "Generó su enlace de calendario" : "Revocó su enlace de calendario",
                                      by: Actor(user), entityID: user.entityID, objectType: "calendario", objectID: nil, planID: nil, on: db)
        }
        return render(req, .init(hasToken: token != nil, newURL: token.map { feedURL(req, token: $0) }))
    }

    static func render(_ req: Request, _ model: CalendarPage.Model) -> Response {
        let ctx = PageContext(req, title: CalendarPage.View.title)
        return Layout.render(ctx) { CalendarPage.View.content(model, csrf: ctx.csrf) }
    }

    @Sendable static func feed(req: Request) async throws -> Response {
        req.storage[PrivateResponseKey.self] = true
        var token = req.parameters.get("token") ?? ""
        if token.hasSuffix(".ics") { token.removeLast(4) }
        guard let record = try await CalendarToken.query(on: req.db).filter(\.$tokenHash == Token.sha256(token)).with(\.$user).first() else {
            throw Abort(.notFound, reason: "El enlace de calendario no existe o fue revocado.")
        }
        let user = try CurrentUser(record.user, at: req.now)
        let calendar = ICSCalendar(name: "Vigía · \(user.name)", events: try await events(for: user, req: req))
        let res = Response(status: .ok, body: .init(string: calendar.render()))
        res.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        res.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"vigia.ics\"")
        return res
    }

    /// What the user must keep in mind: fechas finales of the actions it sees, round cut-offs,
    /// program cut-offs and publication deadlines.
    static func events(for user: CurrentUser, req: Request) async throws -> [ICSCalendar.Event] {
        var out: [ICSCalendar.Event] = []
        let base = ProcessInfo.processInfo.environment["VIGIA_PUBLIC_URL"] ?? ""
        for plan in try await Access.plans(for: user, on: req.db) where plan.estado != .cerrado {
            let s = try await PlanStore.snapshot(of: plan, on: req.db)
            let link = base.isEmpty ? nil : base + SiteURL.plan(.value(s.id!)).path
            for f in s.hallazgos {
                for (i, a) in f.acciones.enumerated() {
                    // A reformulated action is no longer due: its successor is.
                    guard let end = a.fechaFinal, a.approvedReformulation == nil else { continue }
                    out.append(.init(uid: "accion-\(a.id!.uuidString)@vigia", date: end,
                                     summary: "Vence la acción \(f.numero).\(i + 1) · \(s.unidadAuditable)",
                                     description: a.descripcion + "\nMeta: " + a.meta, url: link, alarmsDaysBefore: [15, 5]))
                }
            }
            for r in s.seguimientos where r.estado == .borrador {
                guard let cut = r.fechaCorte else { continue }
                out.append(.init(uid: "corte-\(r.id!.uuidString)@vigia", date: cut,
                                 summary: "Corte del seguimiento \(r.numero) · \(s.unidadAuditable)",
                                 description: "Reporte el avance y las evidencias antes del corte.", url: link, alarmsDaysBefore: [15, 5]))
            }
        }
        for p in try await AnticorruptionProgram.query(on: req.db).filter(\.$entity.$id == user.entityID).all() {
            for period in try await FollowUpPeriod.query(on: req.db).filter(\.$program.$id == p.requireID()).all() {
                out.append(.init(uid: "corte-periodo-\(period.id!.uuidString)@vigia", date: period.fechaCorte,
                                 summary: "Corte del \(p.shortName) \(p.vigencia) · \(period.nombre.capitalized)", description: "Fecha de corte del seguimiento.",
                                 alarmsDaysBefore: [15, 5]))
                out.append(.init(uid: "publicacion-\(period.id!.uuidString)@vigia", date: period.fechaLimite,
                                 summary: "Publicar el seguimiento del \(p.shortName) \(p.vigencia) · \(period.nombre.capitalized)",
                                 description: "Último día para publicar (10.º día hábil del mes siguiente al corte).", alarmsDaysBefore: [5, 1]))
            }
        }
        out += try await riskMapEvents(for: user, base: base, on: req.db)
        return out.sorted { $0.date < $1.date }
    }

    /// The corruption risk maps' dates: each action's fecha fin (a responsable's own dependencia's only),
    /// each period's cut-off and the OCI's publication deadline.
    static func riskMapEvents(for user: CurrentUser, base: String, on db: Database) async throws -> [ICSCalendar.Event] {
        var out: [ICSCalendar.Event] = []
        for record in try await RiskMapRecord.query(on: db).filter(\.$entity.$id == user.entityID).all() {
            guard let id = record.id, let map = try? record.map() else { continue }
            let link = base.isEmpty ? nil : base + SiteURL.riskMap(.value(id)).path
            let name = "Mapa de riesgos de corrupción \(map.vigencia)"
            for r in map.riesgos {
                for (k, a) in r.acciones.enumerated() {
                    guard let end = a.plan.fechaFin else { continue }
                    if user.role.seesOwnDependencyOnly && !(user.dependencyID.map { (a.plan.dependencias ?? []).contains($0) } ?? false) { continue }
                    out.append(.init(uid: "riesgo-\(NotificationService.derivedID(id, r.numero, k + 1).uuidString)@vigia", date: end,
                                     summary: "Vence la acción \(r.numero).\(k + 1) · \(name)", description: a.plan.descripcion, url: link, alarmsDaysBefore: [15, 5]))
                }
            }
            for p in map.periodos {
                let uid = NotificationService.derivedID(id, 0, p.numero).uuidString
                out.append(.init(uid: "corte-riesgos-\(uid)@vigia", date: p.fechaCorte, summary: "Corte del \(name) · \(p.displayName)",
                                 description: "Reporte el monitoreo de las acciones y sus evidencias.", url: link, alarmsDaysBefore: [15, 5]))
                out.append(.init(uid: "publicacion-riesgos-\(uid)@vigia", date: p.fechaLimitePublicacion,
                                 summary: "Publicar el seguimiento del \(name) · \(p.displayName)",
                                 description: "Último día para publicar (10.º día hábil del mes siguiente al corte).", url: link, alarmsDaysBefore: [5, 1]))
            }
        }
        return out
    }
}
