import Fluent
import Vapor
import VigiaCore

/// The OCI's follow-up rounds: one form grades every action of the plan.
enum FollowUpController {
    struct RoundForm: Content {
        var fechaCorte: String = ""
        var fechaSeguimiento: String? = nil
        var esCierre: String? = nil
        var reporteDesde: String? = nil
        var reporteHasta: String? = nil
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let next = (try await FollowUpRound.query(on: req.db).filter(\.$plan.$id == plan.requireID()).max(\.$numero) ?? 0) + 1
        return NewRoundView.render(req, plan: plan, numero: next, form: RoundForm(fechaCorte: req.today.iso,
                                   fechaSeguimiento: req.today.iso), errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let planID = try plan.requireID()
        let form = try req.content.decode(RoundForm.self)
        let next = (try await FollowUpRound.query(on: req.db).filter(\.$plan.$id == planID).max(\.$numero) ?? 0) + 1
        var errors: [String: String] = [:]
        if LocalDate(dayFirst: form.fechaCorte) == nil { errors["fechaCorte"] = "La fecha de corte «\(form.fechaCorte)» no es válida (dd/mm/aaaa)." }
        let followUpDate = form.fechaSeguimiento ?? ""
        if !followUpDate.trimmed.isEmpty && LocalDate(dayFirst: followUpDate) == nil {
            errors["fechaSeguimiento"] = "La fecha del seguimiento «\(followUpDate)» no es válida (dd/mm/aaaa)."
        }
        let from = (form.reporteDesde ?? "").trimmed, until = (form.reporteHasta ?? "").trimmed
        if !from.isEmpty && LocalDate(dayFirst: from) == nil { errors["reporteDesde"] = "Autoreportes desde: «\(from)» no es una fecha (dd/mm/aaaa)." }
        if !until.isEmpty && LocalDate(dayFirst: until) == nil { errors["reporteHasta"] = "Autoreportes hasta: «\(until)» no es una fecha (dd/mm/aaaa)." }
        if let f = LocalDate(dayFirst: from), let u = LocalDate(dayFirst: until), u < f {
            errors["reporteHasta"] = "Autoreportes: la fecha final de la ventana es anterior a la inicial."
        }
        guard errors.isEmpty else {
            return NewRoundView.render(req, plan: plan, numero: next, form: form, errors: errors, status: .unprocessableEntity)
        }
        let opened = try await PlanEditing.openRound(plan, fechaCorte: LocalDate(dayFirst: form.fechaCorte),
                                                     fechaSeguimiento: LocalDate(dayFirst: followUpDate), esCierre: form.esCierre != nil,
                                                     by: user, via: "", on: req.db)
        if !from.isEmpty || !until.isEmpty,
           let round = try await FollowUpRound.query(on: req.db).filter(\.$plan.$id == planID).filter(\.$numero == opened).first() {
            round.reportFrom = LocalDate(dayFirst: from)
            round.reportUntil = LocalDate(dayFirst: until)
            try await round.save(on: req.db)
        }
        return req.redirect(to: SiteURL.round(.value(planID), .value(opened)).path)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let snap = try await PlanStore.snapshot(of: plan, on: req.db)
        let numero = try req.intParameter("numero")
        guard let round = snap.seguimientos.first(where: { $0.numero == numero }) else {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(numero).")
        }
        let reports = try await reportsOf(round, on: req.db)
        return RoundFormView.render(req, snapshot: snap, round: round, values: RoundValues(round: round, plan: snap), errors: [:],
                                    reports: reports)
    }

    /// The responsables' autoreportes of a round, by action, with their evidence.
    static func reportsOf(_ round: RoundSnapshot, on db: Database) async throws -> [UUID: RoundFormView.Reported] {
        guard let roundID = round.id else { return [:] }
        let reports = try await ProgressReport.query(on: db).filter(\.$round.$id == roundID).all()
        let ids = reports.compactMap(\.id)
        let evidences = ids.isEmpty ? [] : try await ReportEvidence.query(on: db).filter(\.$reportKind == "autoreporte")
            .filter(\.$reportID ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: reports.map { r in
            (r.$action.id, RoundFormView.Reported(percent: r.porcentaje, text: r.descripcion,
                                                   links: r.enlaces.split(whereSeparator: \.isNewline).map(String.init),
                                                   files: evidences.filter { $0.reportID == r.id }.map { ($0.id!, $0.name) }))
        })
    }

    /// Saves every grade of the round at once: all or nothing, every change in the audit trail.
    @Sendable static func save(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let planID = try plan.requireID()
        let snap = try await PlanStore.snapshot(of: plan, on: req.db)
        let numero = try req.intParameter("numero")
        guard let roundSnap = snap.seguimientos.first(where: { $0.numero == numero }),
              let round = try await FollowUpRound.find(roundSnap.id, on: req.db) else {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(numero).")
        }
        if round.estado == .publicado {
            throw Abort(.forbidden, reason: "El seguimiento \(numero) está publicado: no se puede modificar.")
        }
        var fields = try req.content.decode([String: String].self)
        // “Usar el % reportado”: one row (aceptar = action id) or every row with a report.
        let reports = try await reportsOf(roundSnap, on: req.db)
        let accepted = fields["aceptarTodos"] != nil ? Array(reports.keys) : fields["aceptar"].flatMap(UUID.init(uuidString:)).map { [$0] } ?? []
        for id in accepted { if let p = reports[id]?.percent { fields["pct_\(id.uuidString)"] = SpanishFormat.number(p) } }
        let values = RoundValues(fields: fields, plan: snap)
        var errors = values.validate(plan: snap)
        if round.estado == .publicado { errors["round"] = "El seguimiento está publicado." }
        guard errors.isEmpty else {
            return RoundFormView.render(req, snapshot: snap, round: roundSnap, values: values, errors: errors, reports: reports,
                                        status: .unprocessableEntity)
        }
        let proposed = values.apply(to: roundSnap, plan: snap)
        try await req.db.transaction { db in
            try await GradeWriter.write(proposed, over: roundSnap, round: round, plan: snap, user: user, on: db)
        }
        let after = try await PlanStore.snapshot(of: plan, on: req.db)
        let e = PlanEvaluator.evaluate(after, round: numero)
        req.flash("Seguimiento \(numero) guardado. % del plan: \(SpanishFormat.percent(e.plan.porcentaje)) (\(e.semaforo.label)).")
        return req.redirect(to: SiteURL.plan(.value(planID)).path + "?seguimiento=\(numero)")
    }
}

/// Writes a round's grades, recording each changed field in the audit trail.
enum GradeWriter {
    static func write(_ proposed: RoundSnapshot, over current: RoundSnapshot, round: FollowUpRound, plan: PlanSnapshot,
                      user: CurrentUser, on db: Database) async throws {
        let roundID = try round.requireID()
        let label = "seguimiento \(round.numero)"
        var roundChanges: [FieldChange] = []
        if proposed.fechaCorte != round.fechaCorte {
            roundChanges.append(FieldChange(field: "fecha de corte", old: round.fechaCorte?.dayFirst, new: proposed.fechaCorte?.dayFirst))
            round.fechaCorte = proposed.fechaCorte
        }
        if proposed.fechaSeguimiento != round.fechaSeguimiento {
            roundChanges.append(FieldChange(field: "fecha del seguimiento", old: round.fechaSeguimiento?.dayFirst, new: proposed.fechaSeguimiento?.dayFirst))
            round.fechaSeguimiento = proposed.fechaSeguimiento
        }
        if proposed.esCierre != round.esCierre {
            roundChanges.append(FieldChange(field: "seguimiento de cierre", old: round.esCierre ? "sí" : "no", new: proposed.esCierre ? "sí" : "no"))
            round.esCierre = proposed.esCierre
        }
        if !roundChanges.isEmpty {
            try await round.save(on: db)
            try await AuditLog.record("Modificó los datos del \(label)", by: Actor(user), entityID: user.entityID,
                                      objectType: "seguimiento", objectID: roundID, planID: plan.id, changes: roundChanges, on: db)
        }
        let existing = try await ActionAssessment.query(on: db).filter(\.$round.$id == roundID).all()
        for grade in proposed.calificaciones {
            let f = plan.hallazgos[grade.accion.hallazgo], a = f.acciones[grade.accion.accion]
            let old = current.assessment(for: grade.accion) ?? AssessmentSnapshot(accion: grade.accion)
            let changes = AuditLog.diff([
                ("% de avance", old.porcentaje.map { SpanishFormat.percent($0) }, grade.porcentaje.map { SpanishFormat.percent($0) }),
                ("evidencias", old.evidencias, grade.evidencias), ("observaciones", old.observaciones, grade.observaciones),
                ("estado de la acción", old.estado?.label, grade.estado?.label), ("justificación", old.justificacion, grade.justificacion),
            ].map { ($0.0, $0.1.flatMap { $0.isEmpty ? nil : $0 }, $0.2.flatMap { $0.isEmpty ? nil : $0 }) })
            guard !changes.isEmpty else { continue }
            let row = existing.first { $0.$action.id == a.id } ?? ActionAssessment(entityID: user.entityID, roundID: roundID, actionID: a.id!)
            row.porcentaje = grade.porcentaje
            row.evidencias = grade.evidencias
            row.observaciones = grade.observaciones
            row.estado = grade.estado
            row.justificacion = grade.justificacion
            row.$updatedBy.id = user.id
            try await row.save(on: db)
            try await AuditLog.record("Calificó la acción \(grade.accion.accion + 1) del hallazgo \(f.numero) (\(label))",
                                      by: Actor(user), entityID: user.entityID, objectType: "calificación", objectID: row.id,
                                      planID: plan.id, changes: changes, on: db)
        }
        let existingFindings = try await FindingAssessment.query(on: db).filter(\.$round.$id == roundID).all()
        for fa in proposed.hallazgos {
            let f = plan.hallazgos[fa.hallazgo]
            let old = current.findingAssessment(for: fa.hallazgo) ?? FindingAssessmentSnapshot(hallazgo: fa.hallazgo)
            let changes = AuditLog.diff([("estado de hallazgo (ajuste OCI)", old.estado?.label, fa.estado?.label),
                                         ("justificación", old.justificacion.isEmpty ? nil : old.justificacion,
                                          fa.justificacion.isEmpty ? nil : fa.justificacion)])
            guard !changes.isEmpty else { continue }
            let row = existingFindings.first { $0.$finding.id == f.id } ?? FindingAssessment(entityID: user.entityID, roundID: roundID, findingID: f.id!)
            row.estado = fa.estado
            row.justificacion = fa.justificacion
            try await row.save(on: db)
            try await AuditLog.record("Ajustó el estado del hallazgo \(f.numero) (\(label))", by: Actor(user), entityID: user.entityID,
                                      objectType: "hallazgo", objectID: f.id, planID: plan.id, changes: changes, on: db)
        }
    }
}
