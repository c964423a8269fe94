import Fluent
import Vapor
import VigiaCore

/// The OCI publishes a follow-up round or a period's seguimiento; a correction reopens it and
/// the next publication is a new version with its change-log entry.
enum PublishingController {
    struct CorrectionForm: Content { var motivo: String? }

    @Sendable static func publishRound(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let planID = try plan.requireID()
        let numero = try req.intParameter("numero")
        let publication = try await req.db.transaction { db in
            // Under the plan's row lock (as grading takes it): the document is the round as it stands.
            try await ClosingService.lock(planID, on: db)
            guard let round = try await FollowUpRound.query(on: db).filter(\.$plan.$id == planID).filter(\.$numero == numero).first() else {
                throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(numero).")
            }
            guard round.estado == .borrador else {
                throw Abort(.conflict, reason: "El seguimiento \(numero) ya está publicado. Para corregirlo, ábralo como corrección.")
            }
            let snap = try await PlanStore.snapshot(of: plan, on: db)
            let doc = PlanReport.build(snap, round: numero)
            let note = round.correctionNote.map { "Corrección: \($0)" } ?? ""
            round.estado = .publicado
            round.correctionNote = nil
            try await round.save(on: db)
            return try await Publishing.publish(doc, kind: .plan, planID: planID, programID: nil, numero: numero,
                                                year: round.fechaCorte?.year ?? req.today.year, deadline: nil, note: note,
                                                title: Publishing.planTitle(doc, of: snap, round: numero),
                                                user: user, on: db)
        }
        req.flash("Seguimiento \(numero) publicado (versión \(publication.version)). SHA-256 del PDF: \(publication.pdfSHA256)")
        return req.redirect(to: SiteURL.plan(.value(planID)).path(with: .round(numero)))
    }

    @Sendable static func correctRound(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let planID = try plan.requireID()
        let numero = try req.intParameter("numero")
        let reason = (try req.content.decode(CorrectionForm.self).motivo ?? "").trimmed
        guard !reason.isEmpty else { throw Abort(.unprocessableEntity, reason: "Motivo: explique qué se corrige; queda en el control de cambios.") }
        guard let round = try await FollowUpRound.query(on: req.db).filter(\.$plan.$id == planID).filter(\.$numero == numero).first(),
              round.estado == .publicado else {
            throw Abort(.conflict, reason: "Solo se corrige un seguimiento publicado.")
        }
        let version = (try await Publication.query(on: req.db).filter(\.$planID == planID).filter(\.$numero == numero).max(\.$version) ?? 0) + 1
        try await req.db.transaction { db in
            round.estado = .borrador
            round.correctionNote = reason
            try await round.save(on: db)
            let count = try await ChangeLogEntry.query(on: db).filter(\.$plan.$id == planID).count()
            try await ChangeLogEntry(entityID: user.entityID, planID: planID, entry: ChangeLogSnapshot(
                revision: "\(count + 1)", descripcion: "Corrección del seguimiento \(numero) publicado: \(reason)",
                fechaAprobacion: req.today, version: "\(version)")).create(on: db)
            try await AuditLog.record("Abrió la corrección del seguimiento \(numero)", by: Actor(user), entityID: user.entityID,
                                      objectType: "seguimiento", objectID: round.id, planID: planID,
                                      changes: [FieldChange(field: "motivo", old: nil, new: reason)], on: db)
        }
        req.flash("El seguimiento \(numero) quedó abierto para corrección; al publicarlo de nuevo será la versión \(version). La versión publicada se conserva.")
        return req.redirect(to: SiteURL.round(.value(planID), .value(numero)).path)
    }

    @Sendable static func publishPeriod(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try ProgramAccess.requireFollowUp(user)
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: user, on: req.db)
        let programID = try program.requireID()
        let numero = try req.intParameter("numero")
        guard let period = try await FollowUpPeriod.query(on: req.db).filter(\.$program.$id == programID).filter(\.$numero == numero).first() else {
            throw Abort(.notFound, reason: "El programa no tiene el periodo \(numero).")
        }
        guard period.estado != .publicado else {
            throw Abort(.conflict, reason: "El seguimiento de este periodo ya está publicado. Para corregirlo, ábralo como corrección.")
        }
        let snap = try await ProgramStore.snapshot(of: program, on: req.db)
        let doc = ProgramReport.build(snap, period: numero, method: program.metodo)
        let publication = try await req.db.transaction { db in
            let note = period.correctionNote.map { "Corrección: \($0)" } ?? ""
            period.estado = .publicado
            period.correctionNote = nil
            try await period.save(on: db)
            return try await Publishing.publish(doc, kind: .program, planID: nil, programID: programID, numero: numero,
                                                year: program.vigencia, deadline: period.fechaLimite, note: note, user: user, on: db)
        }
        let timing = publication.timing.lateNotice.map { " " + $0 } ?? ""
        req.flash("Seguimiento del \(period.nombre.lowercased()) publicado (versión \(publication.version)).\(timing) SHA-256 del PDF: \(publication.pdfSHA256)")
        return req.redirect(to: SiteURL.program(.value(programID)).path(with: .period(numero)))
    }

    @Sendable static func correctPeriod(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try ProgramAccess.requireFollowUp(user)
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: user, on: req.db)
        let programID = try program.requireID()
        let numero = try req.intParameter("numero")
        let reason = (try req.content.decode(CorrectionForm.self).motivo ?? "").trimmed
        guard !reason.isEmpty else { throw Abort(.unprocessableEntity, reason: "Motivo: explique qué se corrige; se publica con la nueva versión.") }
        guard let period = try await FollowUpPeriod.query(on: req.db).filter(\.$program.$id == programID).filter(\.$numero == numero).first(),
              period.estado == .publicado else {
            throw Abort(.conflict, reason: "Solo se corrige un seguimiento publicado.")
        }
        try await req.db.transaction { db in
            period.estado = .borrador
            period.correctionNote = reason
            try await period.save(on: db)
            try await AuditLog.record("Abrió la corrección del seguimiento del periodo \(numero)", by: Actor(user), entityID: user.entityID,
                                      objectType: "seguimiento", objectID: period.id, planID: nil, programID: programID,
                                      changes: [FieldChange(field: "motivo", old: nil, new: reason)], on: db)
        }
        req.flash("El seguimiento del periodo \(numero) quedó abierto para corrección; la versión publicada se conserva.")
        return req.redirect(to: SiteURL.programFollowUp(.value(programID), .value(numero)).path)
    }
}
