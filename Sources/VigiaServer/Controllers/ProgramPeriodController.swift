import Fluent
import Vapor
import VigiaCore

/// The OCI changes a period's dates: cut-off, publication deadline and the monitoreo window.
enum ProgramPeriodController {
    struct PeriodForm: Content {
        var fechaCorte: String = ""
        var fechaLimitePublicacion: String = ""
        var monitoreoDesde: String? = nil
        var monitoreoHasta: String? = nil

        init(_ d: PeriodDates) {
            fechaCorte = d.fechaCorte?.iso ?? ""
            fechaLimitePublicacion = d.fechaLimite?.iso ?? ""
            monitoreoDesde = d.window.from?.iso
            monitoreoHasta = d.window.until?.iso
        }

        /// The dates, refused with every unreadable one at once.
        func dates() throws -> PeriodDates {
            var read = FormDates()
            let d = PeriodDates(
                fechaCorte: read.read(fechaCorte, field: "fechaCorte", label: "Fecha de corte"),
                fechaLimite: read.read(fechaLimitePublicacion, field: "fechaLimitePublicacion", label: "Fecha límite de publicación"),
                window: ReportingWindow(from: read.read(monitoreoDesde, field: "monitoreoDesde", label: "Monitoreo desde"),
                                        until: read.read(monitoreoHasta, field: "monitoreoHasta", label: "Monitoreo hasta")))
            // An unreadable date is reported as such, not as missing.
            try InvalidInput.check(d.problems.merging(read.problems) { _, unreadable in unreadable })
            return d
        }
    }

    static func context(_ req: Request) async throws -> (AnticorruptionProgram, FollowUpPeriod) {
        let user = try req.requireUser()
        try ProgramAccess.requireFollowUp(user)
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: user, on: req.db)
        return (program, try await ProgramPeriodService.period(try req.intParameter("numero"), of: program, on: req.db))
    }

    @Sendable static func form(req: Request) async throws -> Response {
        let (program, period) = try await context(req)
        return try page(req, program, period, PeriodForm(PeriodDates(period)))
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, period) = try await context(req)
        let form = try req.content.decode(PeriodForm.self)
        do {
            try await ProgramPeriodService.update(period, to: try form.dates(), program: program, in: ctx)
        } catch let invalid as InvalidInput {
            return try page(req, program, period, form, errors: invalid.problems, status: .unprocessableEntity)
        }
        req.flash("Fechas del \(period.nombre.lowercased()) guardadas.")
        return req.redirect(to: SiteURL.program(.value(try program.requireID())).path(with: .period(period.numero)))
    }

    static func page(_ req: Request, _ program: AnticorruptionProgram, _ period: FollowUpPeriod, _ form: PeriodForm,
                     errors: [String: String] = [:], status: HTTPStatus = .ok) throws -> Response {
        let model = PeriodFormView.Model(programID: try program.requireID(), vigencia: program.vigencia, numero: period.numero,
                                         nombre: period.nombre, published: period.estado == .publicado, form: form, errors: errors)
        let ctx = PageContext(req, title: PeriodFormView.title)
        return Layout.render(ctx, status: status) { PeriodFormView.content(model, csrf: ctx.csrf) }
    }
}

extension ProgramPeriodController {
    struct StatusForm: Content { var estado: String? }

    /// The program's estado, from the program page (OCI).
    @Sendable static func setStatus(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try ProgramAccess.requireFollowUp(ctx.user)
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: ctx.user, on: req.db)
        guard let status = try req.content.decode(StatusForm.self).estado.flatMap(ProgramStatus.init(rawValue:)) else {
            throw Abort(.unprocessableEntity, reason: "Estado: elija en formulación, en seguimiento o cerrado.")
        }
        try await ProgramStatusService.set(program, to: status, in: ctx)
        req.flash("El programa \(program.vigencia) quedó «\(status.label.lowercased())».")
        return req.redirect(to: SiteURL.program(.value(try program.requireID())).path)
    }
}
