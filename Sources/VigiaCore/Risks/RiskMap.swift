import Foundation

/// A mapa de riesgos de corrupción of one vigencia, with the methodology it was made with (kept
/// whole, so a later edit of the entity's scales never changes it), its seguimiento periods and its
/// risks. JSON keys are Spanish and stable: this is the document the API and `vigia export` give.
public struct RiskMap: Codable, Sendable, Equatable {
    public var entidad: String
    public var vigencia: Int
    public var metodologia: RiskMethodology
    /// The seguimiento periods: the program's cuatrimestres unless the entity follows up otherwise.
    public var periodos: [PeriodSnapshot]
    public var riesgos: [Risk]

    public init(entidad: String, vigencia: Int, metodologia: RiskMethodology, periodos: [PeriodSnapshot]? = nil, riesgos: [Risk] = []) {
        self.entidad = entidad; self.vigencia = vigencia; self.metodologia = metodologia
        self.periodos = periodos ?? PeriodSnapshot.cuatrimestres(vigencia)
        self.riesgos = riesgos
    }
}

/// One risk of the map, as published maps lay it out.
public struct Risk: Codable, Sendable, Equatable {
    public var numero: Int
    public var proceso: String
    public var objetivo: String
    public var causasInternas: String
    public var causasExternas: String
    /// "Posibilidad de … para beneficio privado …".
    public var riesgo: String
    public var consecuencias: String
    /// How many questions of the impacto questionnaire were answered "sí" (nil: the impacto was given directly).
    public var respuestasSi: Int?
    /// Which questions (from 1) were answered "sí", when the risk was rated in Vigía's form.
    public var respuestas: [Int]?
    public var inherente: RiskRating
    public var controles: [Control]
    /// The residual the map records (an imported map brings its own); nil: the one its controls give.
    public var residualRegistrado: RiskRating?
    public var opcionDeManejo: Treatment?
    public var acciones: [RiskAction]
    /// What the OCI found per period: whether the risk materialised and what was done.
    public var materializaciones: [RiskMaterialisation]

    public init(numero: Int, proceso: String = "", objetivo: String = "", causasInternas: String = "", causasExternas: String = "",
                riesgo: String, consecuencias: String = "", respuestasSi: Int? = nil, inherente: RiskRating, controles: [Control] = [],
                residualRegistrado: RiskRating? = nil, opcionDeManejo: Treatment? = nil, acciones: [RiskAction] = [],
                materializaciones: [RiskMaterialisation] = []) {
        self.numero = numero; self.proceso = proceso; self.objetivo = objetivo; self.causasInternas = causasInternas
        self.causasExternas = causasExternas; self.riesgo = riesgo; self.consecuencias = consecuencias; self.respuestasSi = respuestasSi
        self.inherente = inherente; self.controles = controles; self.residualRegistrado = residualRegistrado
        self.opcionDeManejo = opcionDeManejo; self.acciones = acciones; self.materializaciones = materializaciones
    }

    /// What the checks read of it.
    public var entry: RiskEntry {
        RiskEntry(numero: numero, riesgo: riesgo, inherente: inherente, controles: controles, residualRegistrado: residualRegistrado,
                  opcionDeManejo: opcionDeManejo, acciones: acciones.map(\.plan))
    }

    public func residual(_ m: RiskMethodology) -> RiskRating { entry.residual(m) }
}

/// An action of a risk with the OCI's seguimiento of each period.
public struct RiskAction: Codable, Sendable, Equatable {
    public var plan: RiskActionPlan
    public var seguimientos: [RiskFollowUp]
    public init(plan: RiskActionPlan, seguimientos: [RiskFollowUp] = []) { self.plan = plan; self.seguimientos = seguimientos }

    public func followUp(_ period: Int) -> RiskFollowUp? { seguimientos.first { $0.periodo == period } }
}

/// The OCI's grade of one action in one period: % de avance (nil: N/A) and observaciones.
public struct RiskFollowUp: Codable, Sendable, Equatable {
    public var periodo: Int
    public var porcentaje: Double?
    public var observaciones: String
    public init(periodo: Int, porcentaje: Double?, observaciones: String = "") {
        self.periodo = periodo; self.porcentaje = porcentaje; self.observaciones = observaciones
    }
}

/// "¿Se materializó el riesgo?" in one period, and what was done if it did.
public struct RiskMaterialisation: Codable, Sendable, Equatable {
    public var periodo: Int
    public var materializado: Bool
    public var descripcion: String
    public init(periodo: Int, materializado: Bool, descripcion: String = "") {
        self.periodo = periodo; self.materializado = materializado; self.descripcion = descripcion
    }
}

/// The map's figures for one period: % per risk (mean of its actions graded in the period), % of the
/// map (mean of the risks', or of every action), and the count of risks per zone before and after controls.
public struct RiskMapEvaluation: Sendable, Equatable {
    public var periodo: Int
    public var porRiesgo: [Int: Double]
    public var porcentaje: Double?
    public var metodo: AggregationMethod
    /// `heatMap[p][i]`: risks whose inherent (or residual) rating is that cell.
    public var inherente: [[Int]]
    public var residual: [[Int]]

    public enum AggregationMethod: String, Codable, Sendable { case promedioRiesgos = "promedio_riesgos", promedioAcciones = "promedio_acciones" }

    public init(_ map: RiskMap, period: Int, method: AggregationMethod = .promedioRiesgos) {
        let m = map.metodologia
        periodo = period
        metodo = method
        var perRisk: [Int: Double] = [:], every: [Double] = []
        for r in map.riesgos {
            let graded = r.acciones.compactMap { $0.followUp(period)?.porcentaje }.filter(\.isFinite)
            every += graded
            if !graded.isEmpty { perRisk[r.numero] = graded.reduce(0, +) / Double(graded.count) }
        }
        porRiesgo = perRisk
        let values = method == .promedioRiesgos ? Array(perRisk.values) : every
        porcentaje = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        func grid(_ rating: (Risk) -> RiskRating) -> [[Int]] {
            var g = Array(repeating: Array(repeating: 0, count: m.impactos.count), count: m.probabilidades.count)
            for r in map.riesgos {
                let x = rating(r)
                if m.contains(x) { g[x.probabilidad][x.impacto] += 1 }
            }
            return g
        }
        inherente = grid(\.inherente)
        residual = grid { $0.residual(m) }
    }
}

/// Why a seguimiento does not fit the map it is added to, in Spanish.
public struct RiskMapMismatch: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension RiskMap {
    /// This map with the OCI's seguimiento of `period` taken from `other` (the same map, as the
    /// seguimiento file prints it): it replaces whatever the map held for that period. Risks are matched
    /// by number and actions by their text; a risk or an action the map lacks is refused.
    public func withFollowUps(from other: RiskMap, period: Int) throws(RiskMapMismatch) -> RiskMap {
        guard other.vigencia == vigencia else {
            throw RiskMapMismatch("el seguimiento es de la vigencia \(other.vigencia) y el mapa de la \(vigencia).")
        }
        var out = self
        for k in out.riesgos.indices {
            out.riesgos[k].materializaciones.removeAll { $0.periodo == period }
            for a in out.riesgos[k].acciones.indices { out.riesgos[k].acciones[a].seguimientos.removeAll { $0.periodo == period } }
        }
        for theirs in other.riesgos {
            guard let k = out.riesgos.firstIndex(where: { $0.numero == theirs.numero }) else {
                throw RiskMapMismatch("el riesgo \(theirs.numero) del seguimiento no está en el mapa \(vigencia).")
            }
            for action in theirs.acciones {
                let text = action.plan.descripcion.folded
                guard let a = out.riesgos[k].acciones.firstIndex(where: { $0.plan.descripcion.folded == text }) else {
                    throw RiskMapMismatch("la acción «\(String(action.plan.descripcion.prefix(80)))» del riesgo \(theirs.numero) no está en el mapa \(vigencia).")
                }
                out.riesgos[k].acciones[a].seguimientos += action.seguimientos.filter { $0.periodo == period }
                out.riesgos[k].acciones[a].seguimientos.sort { $0.periodo < $1.periodo }
            }
            out.riesgos[k].materializaciones += theirs.materializaciones.filter { $0.periodo == period }
            out.riesgos[k].materializaciones.sort { $0.periodo < $1.periodo }
        }
        return out
    }
}

extension RiskMap {
    /// Actions whose fecha fin is before `today` and whose latest grade is below 100 % (or that were
    /// never graded): what the OCI's dashboard counts as the map's «acciones vencidas a hoy».
    public func overdueActions(today: LocalDate) -> Int {
        riesgos.reduce(0) { sum, r in
            sum + r.acciones.filter { a in
                guard let end = a.plan.fechaFin, end < today else { return false }
                let latest = a.seguimientos.filter { $0.porcentaje != nil }.max { $0.periodo < $1.periodo }?.porcentaje
                return (latest ?? 0) < 100
            }.count
        }
    }

    /// Risks per zone before and after the controls, highest zone first: (zone, inherent, residual).
    public var risksPerZone: [(zone: String, inherent: Int, residual: Int)] {
        let m = metodologia
        var inherent = Array(repeating: 0, count: m.zonas.count), residual = inherent
        for r in riesgos {
            if let z = m.zoneIndex(probabilidad: r.inherente.probabilidad, impacto: r.inherente.impacto) { inherent[z] += 1 }
            let x = r.residual(m)
            if let z = m.zoneIndex(probabilidad: x.probabilidad, impacto: x.impacto) { residual[z] += 1 }
        }
        return m.zonas.indices.reversed().map { (m.zonas[$0].nombre, inherent[$0], residual[$0]) }
    }
}

extension PeriodSnapshot {
    /// "SEGUNDO CUATRIMESTRE 2026" as a sentence: "Segundo cuatrimestre 2026".
    public var displayName: String { nombre.prefix(1).uppercased() + nombre.dropFirst().lowercased() }
}
