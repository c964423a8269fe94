import Fluent
import SQLKit
import Vapor
import VigiaCore
import VigiaFormats

/// A review of eficacia and efectividad as the form or the API sends it: every value as typed.
struct ReviewInput: Content, Sendable {
    var fecha: String?
    var criterios: String?
    var eficacia: String?
    var efectividad: String?
    var decision: String?
    var observaciones: String?

    init(fields: [String: String]) {
        fecha = fields["fecha"]; criterios = fields["criterios"]; eficacia = fields["eficacia"]
        efectividad = fields["efectividad"]; decision = fields["decision"]; observaciones = fields["observaciones"]
    }

    /// The review, or the problems of its values (keyed by field).
    func parsed(revisor: String) -> (FindingReviewSnapshot?, [String: String]) {
        var e: [String: String] = [:]
        let date = ClosingService.date(fecha)
        if date == nil { e["fecha"] = "Fecha de la revisión: escríbala como dd/mm/aaaa." }
        let eficacia = EficaciaVerdict(rawValue: (self.eficacia ?? "").trimmed)
        if eficacia == nil { e["eficacia"] = "Eficacia: elija EFICAZ o NO EFICAZ." }
        let efectividad = EfectividadVerdict(rawValue: (self.efectividad ?? "").trimmed)
        if efectividad == nil { e["efectividad"] = "Efectividad: elija EFECTIVA, NO EFECTIVA o SIN EVALUAR." }
        let decision = ReviewDecision(rawValue: (self.decision ?? "").trimmed)
        if decision == nil { e["decision"] = "Decisión: elija cerrar el hallazgo, mantenerlo abierto o solicitar reformulación." }
        guard let date, let eficacia, let efectividad, let decision else { return (nil, e) }
        return (FindingReviewSnapshot(fecha: date, criterios: (criterios ?? "").trimmed, eficacia: eficacia, efectividad: efectividad,
                                      decision: decision, observaciones: (observaciones ?? "").trimmed, revisor: revisor), e)
    }
}

/// A proposal to reformulate an action, as typed.
struct ReformulationInput: Content, Sendable {
    var descripcion: String?
    var fechaInicial: String?
    var fechaFinal: String?
    var meta: String?
    var metaCantidad: String?
    var indicador: String?
    var responsable: String?
    var justificacion: String?

    enum CodingKeys: String, CodingKey {
        case descripcion, meta, indicador, responsable, justificacion
        case fechaInicial = "fecha_inicial", fechaFinal = "fecha_final", metaCantidad = "meta_cantidad"
    }

    /// The form's starting values: the action as it is.
    init(keeping a: ActionSnapshot) {
        descripcion = a.descripcion; fechaInicial = a.fechaInicial?.dayFirst; fechaFinal = a.fechaFinal?.dayFirst; meta = a.meta
        metaCantidad = a.metaCantidad.map { SpanishFormat.number($0) }; indicador = a.indicador; responsable = a.responsable
        justificacion = ""
    }

    func parsed() -> (ReformulationProposal, String, [String: String]) {
        var e: [String: String] = [:]
        func date(_ text: String?, _ field: String, _ label: String) -> LocalDate? {
            let t = (text ?? "").trimmed
            guard !t.isEmpty else { return nil }
            guard let d = ClosingService.date(t) else { e[field] = "\(label): «\(t)» no es una fecha (dd/mm/aaaa)."; return nil }
            return d
        }
        let start = date(fechaInicial, "fecha_inicial", "Fecha inicial"), end = date(fechaFinal, "fecha_final", "Fecha final")
        var quantity: Double?
        let q = (metaCantidad ?? "").trimmed
        if !q.isEmpty {
            quantity = PercentInput.number(q)
            if quantity == nil { e["meta_cantidad"] = "Cantidad de la meta: «\(q)» no es un número." }
        }
        let p = ReformulationProposal(descripcion: (descripcion ?? "").trimmed, fechaInicial: start, fechaFinal: end,
                                      meta: (meta ?? "").trimmed, metaCantidad: quantity, indicador: (indicador ?? "").trimmed,
                                      responsable: (responsable ?? "").trimmed)
        return (p, (justificacion ?? "").trimmed, e)
    }
}

/// Closing findings for real: the OCI's review of eficacia and efectividad (the only way a
/// finding closes) and the reformulation of actions with approval. The rules are VigiaCore's
/// (`FindingReviewRules`, `ReformulationRules`); the web and the API call these same functions.
enum ClosingService {
    /// The plan's snapshot, the finding's index in it and its evaluation at the latest round.
    struct Place {
        var snapshot: PlanSnapshot
        var evaluation: RoundEvaluation
        var findingIndex: Int
        var actionIndex: Int?

        var finding: FindingSnapshot { snapshot.hallazgos[findingIndex] }
        var findingEvaluation: FindingEvaluation { evaluation.hallazgos[findingIndex] }
        var action: ActionSnapshot? { actionIndex.map { finding.acciones[$0] } }
        var actionState: ActionState? { actionIndex.flatMap { findingEvaluation.acciones[$0].estado } }
        /// "2.1": finding number and the action's position from 1.
        var actionLabel: String { "\(finding.numero).\((actionIndex ?? 0) + 1)" }
    }

    static func place(plan: ImprovementPlan, findingID: UUID, actionID: UUID? = nil, on db: Database) async throws -> Place {
        let snap = try await PlanStore.snapshot(of: plan, on: db)
        guard let fi = snap.hallazgos.firstIndex(where: { $0.id == findingID }) else {
            throw Abort(.notFound, reason: "El hallazgo no existe en este plan.")
        }
        var ai: Int?
        if let actionID {
            guard let i = snap.hallazgos[fi].acciones.firstIndex(where: { $0.id == actionID }) else {
                throw Abort(.notFound, reason: "La acción no existe en este hallazgo.")
            }
            ai = i
        }
        return Place(snapshot: snap, evaluation: PlanEvaluator.current(snap), findingIndex: fi, actionIndex: ai)
    }

    /// A date typed day-first, or sent by a date input (aaaa-mm-dd).
    static func date(_ text: String?) -> LocalDate? {
        let t = (text ?? "").trimmed
        return LocalDate(dayFirst: t) ?? LocalDate(iso: t)
    }

    /// Takes the plan's row lock (an update that changes nothing): the writers of its reformulations
    /// run one after another on PostgreSQL as on SQLite, and the checks they make stay true.
    static func lock(_ planID: UUID, on db: Database) async throws {
        guard let sql = db as? SQLDatabase,
              try await sql.raw("UPDATE improvement_plans SET revision = revision WHERE id = \(bind: planID) RETURNING id").first() != nil else {
            throw Abort(.notFound, reason: "El plan no existe.")
        }
    }

    // MARK: - Review of eficacia and efectividad

    /// Records the review and its files in one transaction, audited; returns it with the finding's new state.
    @discardableResult
    static func recordReview(_ input: ReviewInput, plan: ImprovementPlan, findingID: UUID, files: [EvidenceUpload.File],
                             app: Application, in ctx: UseCaseContext) async throws -> (review: FindingReviewSnapshot, numero: Int) {
        if let refusal = PlanPermissions.reviewRefusal(role: ctx.user.role, status: plan.estado) { throw Abort(.forbidden, reason: refusal) }
        let (parsed, parseProblems) = input.parsed(revisor: ctx.user.name)
        var unchecked: [String: String] = [:]
        for (i, file) in files.enumerated() where file.type == nil {
            unchecked["archivo\(i)"] = "Archivo «\(file.name)»: su contenido no es \(EvidenceType.accepted); no se aceptó (se revisa el contenido, no el nombre)."
        }
        let fileProblems = unchecked
        return try await ctx.db.transaction { db in
            try await lock(try plan.requireID(), on: db)
            let place = try await self.place(plan: plan, findingID: findingID, on: db)
            var problems = parseProblems.merging(fileProblems) { a, _ in a }
            if let review = parsed {
                let rounds = place.snapshot.seguimientos
                let cutOff = rounds.compactMap(\.fechaCorte).filter { $0 <= ctx.today }.max()
                let published = cutOff.map { cut in rounds.contains { $0.fechaCorte == cut && $0.estado == .publicado } } ?? false
                problems.merge(FindingReviewRules.problems(review, finding: place.finding, evaluation: place.findingEvaluation,
                                                           evidenceCount: files.count, today: ctx.today, latestCutOff: cutOff,
                                                           cutOffPublished: published)) { a, _ in a }
            } else if files.isEmpty {
                problems["evidencias"] = "Evidencias: adjunte al menos un archivo que soporte la revisión."
            }
            try InvalidInput.check(problems)
            guard var review = parsed else { throw InvalidInput(problems) }
            let record = FindingReview()
            record.$entity.id = ctx.entityID; record.$plan.id = try plan.requireID(); record.$finding.id = findingID
            record.fecha = review.fecha; record.criterios = review.criterios; record.eficacia = review.eficacia
            record.efectividad = review.efectividad; record.decision = review.decision; record.observaciones = review.observaciones
            record.revisor = ctx.user.name; record.$user.id = ctx.user.id
            try await record.create(on: db)
            try await EvidenceStore.attach(files, kind: .effectivenessReview, reportID: record.requireID(), by: ctx.user, app: app, on: db)
            review.id = record.id
            review.evidencias = files.map(\.name)
            let numero = place.finding.numero
            try await AuditLog.record(
                "Registró la revisión de eficacia y efectividad del hallazgo \(numero): \(review.eficacia.label), \(review.efectividad.label); \(review.decision.label.lowercased())\(ctx.auditSuffix)",
                by: ctx.actor, entityID: ctx.entityID, objectType: "revisión de eficacia y efectividad", objectID: record.id, planID: plan.id,
                changes: [
                    FieldChange(field: "fecha", old: nil, new: review.fecha.dayFirst),
                    FieldChange(field: "criterios", old: nil, new: review.criterios),
                    FieldChange(field: "eficacia", old: nil, new: review.eficacia.label),
                    FieldChange(field: "efectividad", old: nil, new: review.efectividad.label),
                    FieldChange(field: "decisión", old: nil, new: review.decision.label),
                    FieldChange(field: "estado del hallazgo", old: place.findingEvaluation.estado.label, new: review.resultingState.label),
                ] + (review.observaciones.isEmpty ? [] : [FieldChange(field: "observaciones", old: nil, new: review.observaciones)])
                  + files.map { FieldChange(field: "archivo", old: nil, new: "\($0.name) (SHA-256 \($0.sha256.prefix(12))…)") },
                on: db)
            if review.decision == .reformular {
                try await notify(plan, snapshot: place.snapshot, kind: "revision_reformular", key: "revision:\(record.id!.uuidString)",
                                 subject: "Reformular las acciones del hallazgo \(numero) · \(place.snapshot.unidadAuditable)",
                                 body: "La Oficina de Control Interno revisó el hallazgo \(numero) el \(review.fecha.dayFirst) (\(review.eficacia.label), \(review.efectividad.label)) y solicita reformular sus acciones: \(review.observaciones)\nPropóngala desde la página del plan, en cada acción («Proponer reformulación»).",
                                 toResponsables: true, in: ctx, on: db)
            }
            return (review, numero)
        }
    }

    // MARK: - Reformulation

    /// Records a proposal for the action; tells the approvers.
    @discardableResult
    static func propose(_ input: ReformulationInput, plan: ImprovementPlan, findingID: UUID, actionID: UUID,
                        in ctx: UseCaseContext) async throws -> ActionReformulation {
        if let refusal = ReformulationRules.proposeRefusal(role: ctx.user.role) { throw Abort(.forbidden, reason: refusal) }
        let (proposal, justificacion, parseProblems) = input.parsed()
        return try await ctx.db.transaction { db in
            try await lock(try plan.requireID(), on: db)
            let place = try await self.place(plan: plan, findingID: findingID, actionID: actionID, on: db)
            guard let action = place.action else { throw Abort(.notFound) }
            if let refusal = ReformulationRules.actionRefusal(action, state: place.actionState, planStatus: plan.estado) {
                throw Abort(.conflict, reason: "Acción \(place.actionLabel): \(refusal)")
            }
            var problems = ReformulationRules.proposalProblems(proposal, justificacion: justificacion, of: action, today: ctx.today)
            problems.merge(parseProblems) { _, parsed in parsed }
            try InvalidInput.check(problems)
            let r = ActionReformulation()
            r.$entity.id = ctx.entityID; r.$plan.id = try plan.requireID(); r.$action.id = actionID
            r.estado = .pendiente; r.fechaPropuesta = ctx.today; r.proponente = ctx.user.name; r.$proposedBy.id = ctx.user.id
            r.justificacion = justificacion; r.proposal = proposal
            try await r.create(on: db)
            let kind = ReformulationRules.kind(proposal, of: action)
            try await AuditLog.record("Propuso reformular la acción \(place.actionLabel) (\(kind))\(ctx.auditSuffix)", by: ctx.actor,
                                      entityID: ctx.entityID, objectType: "reformulación", objectID: r.id, planID: plan.id,
                                      changes: [FieldChange(field: "justificación", old: nil, new: justificacion)] + diff(action, proposal), on: db)
            let approver = try await Entity.find(ctx.entityID, on: db)?.reformulationApprover ?? .oci
            try await notify(plan, snapshot: place.snapshot, kind: "reformulacion_propuesta", key: "reformulacion:\(r.id!.uuidString):propuesta",
                             subject: "Reformulación propuesta: acción \(place.actionLabel) · \(place.snapshot.unidadAuditable)",
                             body: "\(ctx.user.name) propone reformular la acción \(place.actionLabel) (\(kind)): \(justificacion)\n"
                                + (approver == .comite ? "La decide el comité; la OCI registra su decisión, con el acta, en la página del plan."
                                                       : "La decide la Oficina de Control Interno, en la página del plan."),
                             toOCI: true, toResponsables: ctx.user.role.gradesFollowUps, in: ctx, on: db)
            return r
        }
    }

    /// Approves or rejects a pending proposal. Approval creates the new action after the last of
    /// its finding, linked to the original (which becomes REFORMULADA), and records the change
    /// in the plan's control de cambios.
    static func decide(_ reformulationID: UUID, plan: ImprovementPlan, approve: Bool, motivo: String, acta: String,
                       in ctx: UseCaseContext) async throws -> (label: String, successorLabel: String?) {
        if let refusal = ReformulationRules.decideRefusal(role: ctx.user.role) { throw Abort(.forbidden, reason: refusal) }
        return try await ctx.db.transaction { db in
            let planID = try plan.requireID()
            try await lock(planID, on: db)
            guard let r = try await ActionReformulation.query(on: db).filter(\.$id == reformulationID).filter(\.$plan.$id == planID)
                .filter(\.$entity.$id == ctx.entityID).first(),
                  let original = try await Action.query(on: db).filter(\.$id == r.$action.id).with(\.$dependencies).first() else {
                throw Abort(.notFound, reason: "La reformulación no existe en este plan.")
            }
            // The plan as it is now, under the lock: it may have closed since the page was read.
            guard let current = try await ImprovementPlan.find(planID, on: db) else { throw Abort(.notFound, reason: "El plan no existe.") }
            let place = try await self.place(plan: current, findingID: original.$finding.id, actionID: try original.requireID(), on: db)
            let approver = try await Entity.find(ctx.entityID, on: db)?.reformulationApprover ?? .oci
            let problems = ReformulationRules.decisionProblems(r.snapshot, approve: approve, motivo: motivo, acta: acta, approver: approver)
            if let already = problems["decision"] { throw Abort(.conflict, reason: already) }
            try InvalidInput.check(problems)
            if approve, let action = place.action,
               let refusal = ReformulationRules.approvalRefusal(action, state: place.actionState, planStatus: current.estado) {
                throw Abort(.conflict, reason: "Acción \(place.actionLabel): \(refusal)")
            }
            var successorLabel: String?
            if approve, let action = place.action {
                let next = (try await Action.query(on: db).filter(\.$finding.$id == original.$finding.id).max(\.$position) ?? 0) + 1
                let successor = Action(entityID: ctx.entityID, findingID: original.$finding.id, position: next,
                                       snapshot: ReformulationRules.successor(of: action, r.proposal))
                successor.reformulaA = try original.requireID()
                try await successor.create(on: db)
                for dependency in original.dependencies {
                    let link = ActionDependency()
                    link.$action.id = try successor.requireID(); link.$dependency.id = try dependency.requireID()
                    try await link.create(on: db)
                }
                r.successorID = successor.id
                successorLabel = "\(place.finding.numero).\(place.finding.acciones.count + 1)"
            }
            r.estado = approve ? .aprobada : .rechazada
            r.fechaDecision = ctx.today; r.aprobador = ctx.user.name; r.$decidedBy.id = ctx.user.id
            r.motivoDecision = motivo.trimmed.isEmpty ? nil : motivo.trimmed
            r.acta = acta.trimmed.isEmpty ? nil : acta.trimmed
            try await r.save(on: db)
            let label = place.actionLabel
            let by = approver == .comite ? "el comité (acta \(acta.trimmed))" : "la Oficina de Control Interno"
            if let successorLabel {
                try await addChangeLog(plan: plan, text: "Reformulación de la acción \(label) aprobada por \(by): la reemplaza la acción \(successorLabel). Justificación: \(r.justificacion)",
                                       in: ctx, on: db)
            }
            try await AuditLog.record("\(approve ? "Aprobó" : "Rechazó") la reformulación de la acción \(label)\(successorLabel.map { " (nueva acción \($0))" } ?? "")\(ctx.auditSuffix)",
                                      by: ctx.actor, entityID: ctx.entityID, objectType: "reformulación", objectID: r.id, planID: planID,
                                      changes: [FieldChange(field: "estado", old: ReformulationStatus.pendiente.label, new: r.estado.label)]
                                        + (r.motivoDecision.map { [FieldChange(field: "motivo", old: nil, new: $0)] } ?? [])
                                        + (r.acta.map { [FieldChange(field: "acta del comité", old: nil, new: $0)] } ?? []),
                                      on: db)
            if approve, let successorLabel {
                try await notify(current, snapshot: place.snapshot, kind: "reformulacion_aprobada", key: "reformulacion:\(r.id!.uuidString):nueva",
                                 subject: "Nueva acción \(successorLabel) · \(place.snapshot.unidadAuditable)",
                                 body: "Se aprobó la reformulación de la acción \(label): la reemplaza la acción \(successorLabel), "
                                    + "del \(r.fechaInicial?.dayFirst ?? "—") al \(r.fechaFinal?.dayFirst ?? "—"). Reporte su avance en ella desde el próximo seguimiento.",
                                 toResponsables: true, except: r.$proposedBy.id, in: ctx, on: db)
            }
            if let proposer = r.$proposedBy.id, proposer != ctx.user.id,
               let user = try await User.query(on: db).filter(\.$id == proposer).filter(\.$active == true).first() {
                try await NotificationService.create([PlannedNotification(
                    key: "reformulacion:\(r.id!.uuidString):decision", kind: "reformulacion_decision",
                    recipient: Recipient(id: try user.requireID(), name: user.name, email: user.email),
                    subject: "Reformulación \(approve ? "aprobada" : "rechazada"): acción \(label) · \(place.snapshot.unidadAuditable)",
                    body: approve
                        ? "La reformulación de la acción \(label) fue aprobada por \(by) el \(ctx.today.dayFirst). La nueva acción \(successorLabel ?? "") se califica por sí misma desde el próximo seguimiento; la original queda REFORMULADA con su historia."
                        : "La reformulación de la acción \(label) fue rechazada por \(by) el \(ctx.today.dayFirst). Motivo: \(r.motivoDecision ?? "")")],
                    entityID: ctx.entityID, on: db)
            }
            return (label, successorLabel)
        }
    }

    /// What the proposal changes, field by field, for the audit trail.
    static func diff(_ a: ActionSnapshot, _ p: ReformulationProposal) -> [FieldChange] {
        AuditLog.diff([
            ("descripción", a.descripcion, p.descripcion),
            ("fecha inicial", a.fechaInicial?.dayFirst, p.fechaInicial?.dayFirst),
            ("fecha final", a.fechaFinal?.dayFirst, p.fechaFinal?.dayFirst),
            ("meta", a.meta, p.meta),
            ("cantidad de la meta", a.metaCantidad.map { SpanishFormat.number($0) }, p.metaCantidad.map { SpanishFormat.number($0) }),
            ("indicador", a.indicador, p.indicador),
            ("responsable", a.responsable, p.responsable),
        ])
    }

    /// The next entry of the plan's control de cambios: the next revision number, and the next
    /// version when the last one is a number.
    private static func addChangeLog(plan: ImprovementPlan, text: String, in ctx: UseCaseContext, on db: Database) async throws {
        let entries = try await ChangeLogEntry.query(on: db).filter(\.$plan.$id == plan.requireID()).sort(\.$createdAt).all()
        let revision = (entries.compactMap { Int($0.revision.trimmed) }.max() ?? entries.count) + 1
        let version = entries.last.flatMap { Int($0.version.trimmed) }.map { String($0 + 1) } ?? ""
        let entry = ChangeLogEntry(entityID: ctx.entityID, planID: try plan.requireID(), entry: ChangeLogSnapshot(
            revision: String(revision), descripcion: text, fechaAprobacion: ctx.today, version: version))
        try await entry.create(on: db)
    }

    /// Stores a notification for the entity's OCI (and administradores) or for the responsables of
    /// the plan's dependencia; the mail goes with the next run of the reminders.
    private static func notify(_ plan: ImprovementPlan, snapshot: PlanSnapshot, kind: String, key: String, subject: String, body: String,
                               toOCI: Bool = false, toResponsables: Bool = false, except: UUID? = nil,
                               in ctx: UseCaseContext, on db: Database) async throws {
        let users = try await User.query(on: db).filter(\.$entity.$id == ctx.entityID).filter(\.$active == true).all()
        let to = users.filter { u in
            (toOCI && u.role.gradesFollowUps)
                || (toResponsables && u.role.seesOwnDependencyOnly && u.$dependency.id != nil && u.$dependency.id == plan.$dependency.id)
        }.filter { $0.id != ctx.user.id && $0.id != except }
        try await NotificationService.create(to.map { u in
            PlannedNotification(key: "\(key):\(u.id!.uuidString)", kind: kind, recipient: Recipient(id: u.id!, name: u.name, email: u.email),
                                subject: subject, body: body)
        }, entityID: ctx.entityID, on: db)
    }
}
