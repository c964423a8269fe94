import Foundation

// How a finding closes for real: the OCI's review of eficacia and efectividad, and the
// reformulation of an action that did not work. Plain values, like the rest of the snapshot.

/// Eficacia: the actions were done as planned and on time.
public enum EficaciaVerdict: String, Codable, Sendable, CaseIterable {
    case eficaz
    case noEficaz = "no_eficaz"

    public var label: String { self == .eficaz ? "EFICAZ" : "NO EFICAZ" }
}

/// Efectividad: the cause is gone and the finding does not recur. It can be left unevaluated
/// when it is too early to tell.
public enum EfectividadVerdict: String, Codable, Sendable, CaseIterable {
    case efectiva
    case noEfectiva = "no_efectiva"
    case sinEvaluar = "sin_evaluar"

    public var label: String {
        switch self {
        case .efectiva: "EFECTIVA"
        case .noEfectiva: "NO EFECTIVA"
        case .sinEvaluar: "SIN EVALUAR"
        }
    }

    /// Efectiva or not: a verdict was given.
    public var isVerified: Bool { self != .sinEvaluar }
}

/// What the OCI decides after a review.
public enum ReviewDecision: String, Codable, Sendable, CaseIterable {
    case cerrar
    case mantenerAbierto = "mantener_abierto"
    case reformular

    public var label: String {
        switch self {
        case .cerrar: "Cerrar el hallazgo"
        case .mantenerAbierto: "Mantener abierto"
        case .reformular: "Solicitar reformulación"
        }
    }
}

/// One review of eficacia and efectividad of a finding, as recorded by the OCI.
public struct FindingReviewSnapshot: Codable, Sendable, Equatable {
    public var id: UUID?
    /// The day the review was made: it takes effect in the rounds cut off on or after it.
    public var fecha: LocalDate
    /// What was checked and against what (the criteria of the review).
    public var criterios: String
    public var eficacia: EficaciaVerdict
    public var efectividad: EfectividadVerdict
    public var decision: ReviewDecision
    public var observaciones: String
    /// Who recorded it.
    public var revisor: String
    /// The names of its evidence files.
    public var evidencias: [String]

    public init(id: UUID? = nil, fecha: LocalDate, criterios: String, eficacia: EficaciaVerdict, efectividad: EfectividadVerdict,
                decision: ReviewDecision, observaciones: String = "", revisor: String = "", evidencias: [String] = []) {
        self.id = id; self.fecha = fecha; self.criterios = criterios; self.eficacia = eficacia; self.efectividad = efectividad
        self.decision = decision; self.observaciones = observaciones; self.revisor = revisor; self.evidencias = evidencias
    }

    /// The finding's state this review leaves.
    public var resultingState: FindingState { decision == .cerrar ? .cerrado : .abierto }
}

/// Where a reformulation stands.
public enum ReformulationStatus: String, Codable, Sendable, CaseIterable {
    case pendiente, aprobada, rechazada

    public var label: String {
        switch self {
        case .pendiente: "Pendiente de aprobación"
        case .aprobada: "Aprobada"
        case .rechazada: "Rechazada"
        }
    }
}

/// The new action a reformulation proposes: the original's fields, changed where proposed.
public struct ReformulationProposal: Codable, Sendable, Equatable {
    public var descripcion: String
    public var fechaInicial: LocalDate?
    public var fechaFinal: LocalDate?
    public var meta: String
    public var metaCantidad: Double?
    public var indicador: String
    public var responsable: String

    public init(descripcion: String, fechaInicial: LocalDate?, fechaFinal: LocalDate?, meta: String, metaCantidad: Double? = nil,
                indicador: String, responsable: String) {
        self.descripcion = descripcion; self.fechaInicial = fechaInicial; self.fechaFinal = fechaFinal; self.meta = meta
        self.metaCantidad = metaCantidad; self.indicador = indicador; self.responsable = responsable
    }

    /// The proposal that keeps `action` as it is (the form's starting point).
    public init(keeping action: ActionSnapshot) {
        self.init(descripcion: action.descripcion, fechaInicial: action.fechaInicial, fechaFinal: action.fechaFinal,
                  meta: action.meta, metaCantidad: action.metaCantidad, indicador: action.indicador, responsable: action.responsable)
    }
}

/// A proposal to reformulate an action, and its decision.
public struct ReformulationSnapshot: Codable, Sendable, Equatable {
    public var id: UUID?
    public var estado: ReformulationStatus
    public var fechaPropuesta: LocalDate
    public var proponente: String
    public var justificacion: String
    public var propuesta: ReformulationProposal
    public var fechaDecision: LocalDate?
    public var aprobador: String?
    /// The approver's reason (required to reject).
    public var motivoDecision: String?
    /// The comité's acta, when the comité approves reformulations.
    public var acta: String?
    /// The action that replaced this one, once approved.
    public var sucesora: UUID?

    public init(id: UUID? = nil, estado: ReformulationStatus = .pendiente, fechaPropuesta: LocalDate, proponente: String,
                justificacion: String, propuesta: ReformulationProposal, fechaDecision: LocalDate? = nil, aprobador: String? = nil,
                motivoDecision: String? = nil, acta: String? = nil, sucesora: UUID? = nil) {
        self.id = id; self.estado = estado; self.fechaPropuesta = fechaPropuesta; self.proponente = proponente
        self.justificacion = justificacion; self.propuesta = propuesta; self.fechaDecision = fechaDecision; self.aprobador = aprobador
        self.motivoDecision = motivoDecision; self.acta = acta; self.sucesora = sucesora
    }
}

/// Who approves the reformulations of an entity's plans.
public enum ReformulationApprover: String, Codable, Sendable, CaseIterable {
    /// The Oficina de Control Interno decides.
    case oci
    /// The Comité Institucional de Coordinación de Control Interno decides; the OCI records its
    /// decision with the acta.
    case comite

    public var label: String {
        self == .oci ? "La Oficina de Control Interno" : "El Comité Institucional de Coordinación de Control Interno (la OCI registra su decisión con el acta)"
    }
}

extension FindingSnapshot {
    /// The reviews of eficacia and efectividad, oldest first.
    public var reviews: [FindingReviewSnapshot] { (revisiones ?? []).sorted { $0.fecha < $1.fecha } }
}

extension ActionSnapshot {
    /// The approved reformulation that replaced this action, if any.
    public var approvedReformulation: ReformulationSnapshot? {
        (reformulaciones ?? []).first { $0.estado == .aprobada && $0.fechaDecision != nil }
    }

    /// The proposal waiting for a decision, if any.
    public var pendingReformulation: ReformulationSnapshot? {
        (reformulaciones ?? []).first { $0.estado == .pendiente }
    }
}

extension FindingSnapshot {
    /// What the B-I-007 says of a reformulation in the OBSERVACIONES cell of action `ai` (from 0):
    /// the original, REFORMULADA in its state cell, names its successor; the successor names the
    /// action it replaced. Nil for the other actions (and before the approval is in force:
    /// `reformulated` is the evaluation's state).
    public func reformulationNote(action ai: Int, reformulated: Bool, vigente: Bool = true) -> String? {
        guard acciones.indices.contains(ai) else { return nil }
        let a = acciones[ai]
        func label(_ id: UUID?) -> String? {
            guard let id, let i = acciones.firstIndex(where: { $0.id == id }) else { return nil }
            return "\(numero).\(i + 1)"
        }
        if reformulated, let r = a.approvedReformulation, let day = r.fechaDecision {
            let by = [r.aprobador, r.acta.map { "acta \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return "REFORMULADA el \(day.dayFirst)\(by.isEmpty ? "" : " (\(by))")" + (label(r.sucesora).map { ": la reemplaza la acción \($0)." } ?? ".")
        }
        if let previous = a.reformulaA, let original = acciones.first(where: { $0.id == previous }) {
            let day = original.approvedReformulation?.fechaDecision
            guard vigente else {
                return "Acción nueva: reemplaza a la acción \(label(previous) ?? "anterior")" + (day.map { " desde el \($0.dayFirst)" } ?? "") + ", después de este corte."
            }
            return "Reformula la acción \(label(previous) ?? "anterior")" + (day.map { ", aprobada el \($0.dayFirst)." } ?? ".")
        }
        return nil
    }

    /// The note of a finding closed by `review`, for its first row.
    public static func closingNote(_ review: FindingReviewSnapshot?) -> String? {
        guard let review, review.decision == .cerrar else { return nil }
        return "Hallazgo cerrado con la revisión de eficacia y efectividad del \(review.fecha.dayFirst) (\(review.eficacia.label), \(review.efectividad.label))."
    }
}
