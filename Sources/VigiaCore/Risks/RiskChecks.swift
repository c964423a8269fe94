import Foundation

/// Opción de manejo of a risk. A corruption risk is never accepted.
public enum Treatment: String, Codable, Sendable, CaseIterable {
    case reducir, evitar, compartir, aceptar

    public var label: String {
        switch self {
        case .reducir: "Reducir"
        case .evitar: "Evitar"
        case .compartir: "Compartir"
        case .aceptar: "Aceptar"
        }
    }

    /// Why a corruption risk may not take this option, in Spanish (nil when it may).
    public var corruptionRefusal: String? {
        self == .aceptar ? "Opción de manejo: un riesgo de corrupción no se puede aceptar; elija reducir, evitar o compartir." : nil
    }
}

/// An action planned for a risk (the map's «acciones»), as the checks see it.
public struct RiskActionPlan: Codable, Sendable, Equatable {
    public var descripcion: String
    public var responsable: String
    public var fechaInicio: LocalDate?
    public var fechaFin: LocalDate?
    public var indicador: String
    /// The record or evidence the action leaves («registro»).
    public var registro: String
    /// The dependencias (their ids) whose responsables report its monitoreo; nil or empty: none yet.
    public var dependencias: [UUID]?
    /// The activity of component 1 of the PAAC/PTEP of the same vigencia this action carries out, if any.
    public var actividadPrograma: UUID?

    public init(descripcion: String, responsable: String, fechaInicio: LocalDate?, fechaFin: LocalDate?, indicador: String = "", registro: String = "",
                dependencias: [UUID]? = nil) {
        self.descripcion = descripcion; self.responsable = responsable; self.fechaInicio = fechaInicio
        self.fechaFin = fechaFin; self.indicador = indicador; self.registro = registro; self.dependencias = dependencias
    }
}

/// One risk of a map with what its rules need: the inherent rating, the controls, the residual the
/// map records (an imported map brings its own; nil: the one the controls give), the opción de
/// manejo and the actions.
public struct RiskEntry: Codable, Sendable, Equatable {
    public var numero: Int
    public var riesgo: String
    public var inherente: RiskRating
    public var controles: [Control]
    public var residualRegistrado: RiskRating?
    public var opcionDeManejo: Treatment?
    public var acciones: [RiskActionPlan]

    public init(numero: Int, riesgo: String, inherente: RiskRating, controles: [Control] = [], residualRegistrado: RiskRating? = nil,
                opcionDeManejo: Treatment?, acciones: [RiskActionPlan] = []) {
        self.numero = numero; self.riesgo = riesgo; self.inherente = inherente; self.controles = controles
        self.residualRegistrado = residualRegistrado; self.opcionDeManejo = opcionDeManejo; self.acciones = acciones
    }

    /// The residual rating: as recorded, or from the controls.
    public func residual(_ m: RiskMethodology) -> RiskRating { residualRegistrado ?? m.residual(inherente, controls: controles) }
}

/// What an auditor wants flagged in a corruption risk map (`CheckResult.hallazgo` carries the
/// risk's number and `accion` the action's position, from 1).
public enum RiskChecks {
    public static func run(_ risks: [RiskEntry], methodology m: RiskMethodology) -> [CheckResult] {
        var out: [CheckResult] = []
        func add(_ code: String, _ severity: CheckResult.Severity, _ risk: Int, _ action: Int?, _ text: String) {
            out.append(CheckResult(codigo: code, severidad: severity, hallazgo: risk, accion: action, mensaje: text))
        }
        for r in risks {
            let n = r.numero
            let residual = r.residual(m)
            guard m.contains(r.inherente), m.contains(residual) else {
                add("nivel_desconocido", .error, n, nil, "Riesgo \(n): la probabilidad o el impacto no son niveles de la metodología «\(m.nombre)».")
                continue
            }
            if residual.probabilidad > r.inherente.probabilidad || residual.impacto > r.inherente.impacto
                || (m.zoneIndex(probabilidad: residual.probabilidad, impacto: residual.impacto) ?? 0)
                    > (m.zoneIndex(probabilidad: r.inherente.probabilidad, impacto: r.inherente.impacto) ?? 0) {
                add("residual_sobre_inherente", .error, n, nil, "Riesgo \(n): el riesgo residual (\(m.label(residual))) queda por encima del inherente (\(m.label(r.inherente))).")
            }
            if let refusal = r.opcionDeManejo?.corruptionRefusal { add("aceptar_corrupcion", .error, n, nil, "Riesgo \(n): \(refusal)") }
            if r.opcionDeManejo == nil { add("sin_opcion_de_manejo", .advertencia, n, nil, "Riesgo \(n): no tiene opción de manejo.") }
            if let zone = m.zoneIndex(probabilidad: residual.probabilidad, impacto: residual.impacto), zone >= m.zonaConAcciones, r.acciones.isEmpty {
                add("zona_sin_acciones", .advertencia, n, nil, "Riesgo \(n): su zona residual es \(m.zonas[zone].nombre.lowercased()) y no tiene acciones.")
            }
            for (k, c) in r.controles.enumerated() where c.evidencia.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add("control_sin_evidencia", .advertencia, n, nil, "Riesgo \(n), control \(k + 1): no dice qué evidencia deja.")
            }
            for (k, a) in r.acciones.enumerated() {
                if a.responsable.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    add("accion_sin_responsable", .advertencia, n, k + 1, "Riesgo \(n), acción \(k + 1): no tiene responsable.")
                }
                if a.fechaInicio == nil || a.fechaFin == nil {
                    add("accion_sin_fechas", .advertencia, n, k + 1, "Riesgo \(n), acción \(k + 1): le falta la fecha de inicio o la de fin.")
                } else if let start = a.fechaInicio, let end = a.fechaFin, end < start {
                    add("fechas_invertidas", .error, n, k + 1, "Riesgo \(n), acción \(k + 1): la fecha de fin (\(end.dayFirst)) es anterior a la de inicio (\(start.dayFirst)).")
                }
            }
        }
        return out
    }
}
