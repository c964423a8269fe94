import Foundation

/// The rules of the review of eficacia and efectividad that closes a finding. Problems are keyed
/// by the form's field names, each message in Spanish naming what is wrong.
public enum FindingReviewRules {
    /// The actions that still count in `finding` (not replaced by an approved reformulation).
    public static func standing(_ finding: FindingSnapshot, _ evaluation: FindingEvaluation) -> [(number: Int, action: ActionSnapshot, state: ActionState?)] {
        zip(finding.acciones, evaluation.acciones).enumerated().compactMap { i, pair in
            pair.1.isReadOnly ? nil : (i + 1, pair.0, pair.1.estado)
        }
    }

    /// Why the finding cannot be reviewed yet (every action that counts must be CUMPLIDA at the
    /// plan's latest round), or nil.
    public static func readinessProblem(_ finding: FindingSnapshot, _ evaluation: FindingEvaluation) -> String? {
        let actions = standing(finding, evaluation)
        if actions.isEmpty { return "el hallazgo no tiene acciones que revisar." }
        let open = actions.filter { $0.state?.isDone != true }
        guard !open.isEmpty else { return nil }
        let list = open.map { "\(finding.numero).\($0.number) (\($0.state?.label ?? "sin calificar"))" }.joined(separator: ", ")
        return "la revisión de eficacia y efectividad se hace cuando todas las acciones están CUMPLIDAS en el último seguimiento; faltan: \(list)."
    }

    /// The last fecha final of the actions that count: efectividad cannot be verified before it.
    public static func lastFechaFinal(_ finding: FindingSnapshot, _ evaluation: FindingEvaluation) -> LocalDate? {
        standing(finding, evaluation).compactMap(\.action.fechaFinal).max()
    }

    /// Every problem of `review` of `finding` (evaluated at the latest round), recorded `today`
    /// with `evidenceCount` files.
    /// `latestCutOff`: the latest cut-off already past (a round still running has its cut-off ahead);
    /// the review cannot be dated before it, or it would rewrite rounds it did not look at.
    /// `cutOffPublished`: that round is published, so not even its cut-off day is open (a review
    /// counts in the rounds cut off on or after its date: it would change a frozen document).
    public static func problems(_ review: FindingReviewSnapshot, finding: FindingSnapshot, evaluation: FindingEvaluation,
                                evidenceCount: Int, today: LocalDate, latestCutOff: LocalDate? = nil,
                                cutOffPublished: Bool = false) -> [String: String] {
        var e: [String: String] = [:]
        if let problem = readinessProblem(finding, evaluation) { e["hallazgo"] = "Hallazgo \(finding.numero): \(problem)" }
        if review.fecha > today { e["fecha"] = "Fecha de la revisión: no puede ser posterior a hoy (\(today.dayFirst))." }
        else if let cut = latestCutOff, review.fecha < cut {
            e["fecha"] = "Fecha de la revisión: es anterior al corte del último seguimiento (\(cut.dayFirst)); la revisión se hace sobre ese seguimiento."
        } else if let cut = latestCutOff, cutOffPublished, review.fecha == cut {
            e["fecha"] = "Fecha de la revisión: el seguimiento con corte al \(cut.dayFirst) ya está publicado; la revisión debe ser de un día posterior a ese corte."
        }
        if review.decision == .cerrar,
           let pending = standing(finding, evaluation).first(where: { $0.action.pendingReformulation != nil }) {
            e["decision"] = "Decisión: la acción \(finding.numero).\(pending.number) tiene una reformulación pendiente; decídala antes de cerrar el hallazgo."
        }
        if review.criterios.trimmed.isEmpty {
            e["criterios"] = "Criterios: diga qué se verificó y contra qué (el criterio del hallazgo, la norma, los registros)."
        }
        if evidenceCount == 0 { e["evidencias"] = "Evidencias: adjunte al menos un archivo que soporte la revisión." }
        if review.efectividad.isVerified, let last = lastFechaFinal(finding, evaluation), review.fecha < last {
            e["efectividad"] = "Efectividad: no puede verificarse antes de la fecha final de la última acción (\(last.dayFirst)); déjela SIN EVALUAR o cambie la fecha."
        }
        if review.decision == .cerrar && e["decision"] == nil && (review.eficacia != .eficaz || review.efectividad != .efectiva) {
            e["decision"] = "Decisión: un hallazgo se cierra solo si las acciones fueron EFICACES y EFECTIVAS."
        }
        if review.decision != .cerrar && review.eficacia == .eficaz && review.efectividad == .efectiva && review.observaciones.trimmed.isEmpty {
            e["observaciones"] = "Observaciones: explique por qué el hallazgo sigue abierto si las acciones fueron eficaces y efectivas."
        }
        if review.decision == .reformular && review.observaciones.trimmed.isEmpty {
            e["observaciones"] = "Observaciones: diga qué debe reformularse y por qué."
        }
        return e
    }
}

/// The rules of reformulating an action: who proposes, what a proposal needs, who decides.
public enum ReformulationRules {
    /// Who may propose: the OCI and the administrador for any action; a responsable for the
    /// actions of the plans it sees (its dependencia's).
    public static func proposeRefusal(role: Role) -> String? {
        role.gradesFollowUps || role == .responsable ? nil
            : "Solo el responsable de la dependencia o la Oficina de Control Interno proponen una reformulación."
    }

    /// Who records the decision: the OCI (or the administrador), also when the comité decides.
    public static func decideRefusal(role: Role) -> String? {
        role.gradesFollowUps ? nil : "Solo la Oficina de Control Interno registra la aprobación o el rechazo de una reformulación."
    }

    /// Why `action` (in the state `state` at the latest round) cannot be reformulated, or nil.
    public static func actionRefusal(_ action: ActionSnapshot, state: ActionState?, planStatus: PlanStatus) -> String? {
        if planStatus == .formulacion { return "el plan aún está en formulación: cambie la acción directamente." }
        if planStatus == .cerrado { return "el plan está cerrado." }
        if action.approvedReformulation != nil { return "la acción ya fue reformulada; reformule la acción que la reemplazó." }
        if action.pendingReformulation != nil { return "la acción ya tiene una reformulación pendiente de aprobación." }
        if state == .cerrada { return "la acción está CERRADA: su hallazgo se cerró con la revisión de eficacia y efectividad." }
        return nil
    }

    /// Why a pending proposal for `action` can no longer be approved (rechecked under the plan's
    /// lock when the decision comes: the plan or the finding may have closed meanwhile), or nil.
    public static func approvalRefusal(_ action: ActionSnapshot, state: ActionState?, planStatus: PlanStatus) -> String? {
        if planStatus == .cerrado { return "el plan se cerró; la reformulación ya no puede aprobarse (puede rechazarse)." }
        if action.approvedReformulation != nil { return "la acción ya fue reformulada." }
        if state == .cerrada { return "la acción quedó CERRADA con la revisión de eficacia y efectividad de su hallazgo; la reformulación ya no puede aprobarse (puede rechazarse)." }
        return nil
    }

    /// The problems of a proposal for `action`, keyed by the form's field names.
    public static func proposalProblems(_ p: ReformulationProposal, justificacion: String, of action: ActionSnapshot,
                                        today: LocalDate) -> [String: String] {
        var e: [String: String] = [:]
        if justificacion.trimmed.isEmpty { e["justificacion"] = "Justificación: explique por qué la acción debe reformularse." }
        if p.descripcion.trimmed.isEmpty { e["descripcion"] = "Descripción de la acción: no puede quedar vacía." }
        if p.meta.trimmed.isEmpty { e["meta"] = "Meta: no puede quedar vacía." }
        if p.indicador.trimmed.isEmpty { e["indicador"] = "Indicador: no puede quedar vacío." }
        if p.responsable.trimmed.isEmpty { e["responsable"] = "Responsable: no puede quedar vacío." }
        if p.fechaInicial == nil { e["fecha_inicial"] = "Fecha inicial: escríbala como dd/mm/aaaa." }
        if p.fechaFinal == nil { e["fecha_final"] = "Fecha final: escríbala como dd/mm/aaaa." }
        if let start = p.fechaInicial, let end = p.fechaFinal, end < start {
            e["fecha_final"] = "Fecha final: es anterior a la fecha inicial (\(start.dayFirst))."
        } else if let end = p.fechaFinal, end < today {
            e["fecha_final"] = "Fecha final: ya pasó (\(end.dayFirst)); la acción reformulada debe poder cumplirse."
        }
        if let q = p.metaCantidad, !(q.isFinite && q >= 0 && q <= 1_000_000_000) {
            e["meta_cantidad"] = "Cantidad de la meta: escriba un número entre 0 y 1.000.000.000."
        }
        if e.isEmpty && p == ReformulationProposal(keeping: action) {
            e["descripcion"] = "La propuesta es igual a la acción actual: cambie la acción, la meta o las fechas."
        }
        return e
    }

    /// The problems of a decision on `r`, keyed by field names.
    public static func decisionProblems(_ r: ReformulationSnapshot, approve: Bool, motivo: String, acta: String,
                                        approver: ReformulationApprover) -> [String: String] {
        var e: [String: String] = [:]
        if r.estado != .pendiente { e["decision"] = "La reformulación ya fue \(r.estado == .aprobada ? "aprobada" : "rechazada")." }
        if !approve && motivo.trimmed.isEmpty { e["motivo"] = "Motivo: diga por qué se rechaza la reformulación." }
        if approver == .comite && acta.trimmed.isEmpty {
            e["acta"] = "Acta del comité: la entidad aprueba las reformulaciones en el comité; indique el número y la fecha del acta."
        }
        return e
    }

    /// The new action an approved proposal creates: the original with the proposed fields.
    public static func successor(of action: ActionSnapshot, _ p: ReformulationProposal) -> ActionSnapshot {
        var a = action
        a.id = nil
        a.descripcion = p.descripcion.trimmed; a.fechaInicial = p.fechaInicial; a.fechaFinal = p.fechaFinal
        a.meta = p.meta.trimmed; a.indicador = p.indicador.trimmed; a.responsable = p.responsable.trimmed
        if p.metaCantidad != action.metaCantidad || p.meta.trimmed != action.meta.trimmed {
            a.metaCantidad = p.metaCantidad ?? MetaQuantity.parse(p.meta)?.quantity
            a.metaUnidad = MetaQuantity.parse(p.meta)?.unit ?? action.metaUnidad
        }
        a.reformulaciones = nil
        a.reformulaA = action.id
        return a
    }

    /// "nuevas fechas" when only the dates change, "nueva acción" otherwise: how the history names it.
    public static func kind(_ p: ReformulationProposal, of action: ActionSnapshot) -> String {
        var same = p
        same.fechaInicial = action.fechaInicial; same.fechaFinal = action.fechaFinal
        return same == ReformulationProposal(keeping: action) ? "nuevas fechas" : "nueva acción"
    }
}
