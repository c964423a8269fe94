import Fluent
import Vapor
import VigiaCore

/// The review of eficacia and efectividad of a finding and the reformulation of an action,
/// from the web and from `/api/v1`: both call `ClosingService`.
enum ClosingController {
    // MARK: - Review

    @Sendable static func reviewForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        if let refusal = PlanPermissions.reviewRefusal(role: user.role, status: plan.estado) { throw Abort(.forbidden, reason: refusal) }
        return try await reviewPage(req, plan, findingID: try req.uuidParameter("finding"))
    }

    static func reviewPage(_ req: Request, _ plan: ImprovementPlan, findingID: UUID, values: [String: String] = [:],
                           errors: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let place = try await ClosingService.place(plan: plan, findingID: findingID, on: req.db)
        let f = place.finding, fe = place.findingEvaluation
        let model = ClosingViews.ReviewModel(
            planID: try plan.requireID(), unidadAuditable: place.snapshot.unidadAuditable, findingID: findingID, findingNumero: f.numero,
            findingText: f.descripcion,
            actions: zip(f.acciones, fe.acciones).enumerated().map { i, pair in
                ClosingViews.ActionLine(label: "\(f.numero).\(i + 1)", descripcion: pair.0.descripcion, fechaFinal: pair.0.fechaFinal,
                                        percent: pair.1.porcentaje, state: pair.1.estado)
            },
            notReady: FindingReviewRules.readinessProblem(f, fe), lastFechaFinal: FindingReviewRules.lastFechaFinal(f, fe),
            history: f.reviews, today: req.today, values: values, errors: errors,
            maxMB: req.application.settings.maxEvidenceBytes / 1024 / 1024)
        let page = PageContext(req, title: ClosingViews.reviewTitle(model))
        return Layout.render(page, status: status) { ClosingViews.review(model, csrf: page.csrf) }
    }

    /// Streamed: the evidence files go to disk as they arrive; nothing is kept on a refusal.
    @Sendable static func saveReview(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .read, on: req.db)
        // The role before a byte is read; the plan's state, with the CSRF token checked, in the service.
        if let refusal = PlanPermissions.gradeRefusal(role: ctx.user.role) { throw Abort(.forbidden, reason: refusal) }
        let findingID = try req.uuidParameter("finding")
        let upload = try await EvidenceUpload.read(req, folder: EvidenceStore.root(req.application).appendingPathComponent("tmp"))
        let result: (review: FindingReviewSnapshot, numero: Int)
        do {
            result = try await ClosingService.recordReview(ReviewInput(fields: upload.fields), plan: plan, findingID: findingID,
                                                           files: upload.files, app: req.application, in: ctx)
        } catch let invalid as InvalidInput {
            upload.discard()
            if ctx.channel == .api { throw invalid }
            return try await reviewPage(req, plan, findingID: findingID, values: upload.fields, errors: invalid.problems, status: .unprocessableEntity)
        } catch {
            upload.discard()
            throw error
        }
        if ctx.channel == .api { return try await ApiController.document(plan, round: nil, req: req, status: .created) }
        let r = result.review
        req.flash("Revisión del hallazgo \(result.numero) registrada: \(r.eficacia.label), \(r.efectividad.label). "
                  + (r.decision == .cerrar ? "El hallazgo quedó CERRADO y sus acciones CERRADAS."
                     : r.decision == .reformular ? "El hallazgo sigue ABIERTO; se pidió a la dependencia proponer la reformulación."
                     : "El hallazgo sigue ABIERTO."))
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }

    // MARK: - Proposal

    @Sendable static func proposalForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        if let refusal = ReformulationRules.proposeRefusal(role: user.role) { throw Abort(.forbidden, reason: refusal) }
        let (action, finding) = try await ActionController.actionOf(plan, req)
        let place = try await ClosingService.place(plan: plan, findingID: try finding.requireID(), actionID: try action.requireID(), on: req.db)
        guard let original = place.action else { throw Abort(.notFound) }
        return try proposalPage(req, plan, place, form: ReformulationInput(keeping: original))
    }

    static func proposalPage(_ req: Request, _ plan: ImprovementPlan, _ place: ClosingService.Place, form: ReformulationInput,
                             errors: [String: String] = [:], status: HTTPStatus = .ok) throws -> Response {
        guard let original = place.action, let actionID = original.id else { throw Abort(.notFound) }
        let model = ClosingViews.ProposalModel(
            planID: try plan.requireID(), unidadAuditable: place.snapshot.unidadAuditable, actionID: actionID, label: place.actionLabel,
            original: original, refusal: ReformulationRules.actionRefusal(original, state: place.actionState, planStatus: plan.estado),
            form: form, errors: errors)
        let page = PageContext(req, title: ClosingViews.proposalTitle(model))
        return Layout.render(page, status: status) { ClosingViews.proposal(model, csrf: page.csrf) }
    }

    @Sendable static func propose(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .read, on: req.db)
        let (action, finding) = try await ActionController.actionOf(plan, req)
        let form = try req.content.decode(ReformulationInput.self)
        do {
            try await ClosingService.propose(form, plan: plan, findingID: try finding.requireID(), actionID: try action.requireID(), in: ctx)
        } catch let invalid as InvalidInput {
            if ctx.channel == .api { throw invalid }
            let place = try await ClosingService.place(plan: plan, findingID: try finding.requireID(), actionID: try action.requireID(), on: req.db)
            return try proposalPage(req, plan, place, form: form, errors: invalid.problems, status: .unprocessableEntity)
        }
        if ctx.channel == .api { return try await ApiController.document(plan, round: nil, req: req, status: .created) }
        req.flash("Reformulación de la acción \(finding.numero).\(action.position) propuesta. Queda pendiente de aprobación; se avisó a la Oficina de Control Interno.")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }

    // MARK: - Decision

    @Sendable static func decisionForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        return try await decisionPage(req, plan, user: user)
    }

    static func decisionPage(_ req: Request, _ plan: ImprovementPlan, user: CurrentUser, values: [String: String] = [:],
                             errors: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let id = try req.uuidParameter("reformulation")
        guard let row = try await ActionReformulation.query(on: req.db).filter(\.$id == id).filter(\.$plan.$id == plan.requireID()).first(),
              let action = try await Action.find(row.$action.id, on: req.db) else {
            throw Abort(.notFound, reason: "La reformulación no existe en este plan.")
        }
        let place = try await ClosingService.place(plan: plan, findingID: action.$finding.id, actionID: try action.requireID(), on: req.db)
        guard let original = place.action else { throw Abort(.notFound) }
        let model = ClosingViews.DecisionModel(
            planID: try plan.requireID(), unidadAuditable: place.snapshot.unidadAuditable, reformulationID: id, label: place.actionLabel,
            original: original, reformulation: row.snapshot,
            approver: try await Entity.find(user.entityID, on: req.db)?.reformulationApprover ?? .oci,
            canDecide: ReformulationRules.decideRefusal(role: user.role) == nil, values: values, errors: errors)
        let page = PageContext(req, title: ClosingViews.decisionTitle(model))
        return Layout.render(page, status: status) { ClosingViews.decision(model, csrf: page.csrf) }
    }

    struct DecisionInput: Content {
        /// "aprobar" or "rechazar" (the form's buttons); the API may send `aprobar: true/false` instead.
        var decision: String?
        var aprobar: Bool?
        var motivo: String?
        var acta: String?

        var approve: Bool? {
            if let aprobar { return aprobar }
            switch decision { case "aprobar": return true; case "rechazar": return false; default: return nil }
        }
    }

    @Sendable static func decide(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .read, on: req.db)
        let input = try req.content.decode(DecisionInput.self)
        let values = ["motivo": input.motivo ?? "", "acta": input.acta ?? ""]
        let result: (label: String, successorLabel: String?)
        do {
            guard let approve = input.approve else {
                throw InvalidInput(field: "decision", "Decisión: elija aprobar o rechazar la reformulación.")
            }
            result = try await ClosingService.decide(try req.uuidParameter("reformulation"), plan: plan, approve: approve,
                                                     motivo: input.motivo ?? "", acta: input.acta ?? "", in: ctx)
        } catch let invalid as InvalidInput {
            if ctx.channel == .api { throw invalid }
            return try await decisionPage(req, plan, user: ctx.user, values: values, errors: invalid.problems, status: .unprocessableEntity)
        }
        if ctx.channel == .api { return try await ApiController.document(plan, round: nil, req: req) }
        req.flash(result.successorLabel.map { "Reformulación aprobada: la acción \(result.label) quedó REFORMULADA y la reemplaza la acción \($0). Se registró en el control de cambios." }
                  ?? "Reformulación de la acción \(result.label) rechazada; se avisó a quien la propuso.")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }
}
