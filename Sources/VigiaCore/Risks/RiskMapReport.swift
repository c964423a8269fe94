import Foundation

/// A map with its figures for one period, as `vigia export risk-map --format json` and the API give
/// it: each risk's inherent and residual rating spelled out, its % and the map's, the heat maps'
/// counts and the checks. JSON keys are Spanish and stable.
public struct RiskMapReport: Codable, Sendable, Equatable {
    public struct Rating: Codable, Sendable, Equatable {
        public var probabilidad: String
        public var impacto: String
        public var valorProbabilidad: Double
        public var valorImpacto: Double
        public var puntaje: Double
        public var zona: String
        /// "3 10 30 ALTA", as published maps print it.
        public var texto: String
    }

    public struct RiskLine: Codable, Sendable, Equatable {
        public var numero: Int
        public var riesgo: String
        public var inherente: Rating?
        public var residual: Rating?
        public var porcentaje: Double?
        public var semaforo: RatingZone
        public var materializado: Bool?
    }

    public var entidad: String
    public var vigencia: Int
    public var metodologia: String
    public var periodo: Int
    public var fechaCorte: LocalDate?
    public var metodo: RiskMapEvaluation.AggregationMethod
    public var porcentaje: Double?
    public var semaforo: RatingZone
    public var riesgos: [RiskLine]
    /// `[probabilidad][impacto]`, lowest first: how many risks fall in each cell.
    public var mapaDeCalorInherente: [[Int]]
    public var mapaDeCalorResidual: [[Int]]
    public var verificaciones: [CheckResult]
    public var mapa: RiskMap

    public init(_ map: RiskMap, period: Int, method: RiskMapEvaluation.AggregationMethod = .promedioRiesgos) {
        let m = map.metodologia
        let e = RiskMapEvaluation(map, period: period, method: method)
        func rating(_ r: RiskRating) -> Rating? {
            guard m.contains(r), let zone = m.zone(probabilidad: r.probabilidad, impacto: r.impacto), let score = m.score(r) else { return nil }
            return Rating(probabilidad: m.probabilidades[r.probabilidad].nombre, impacto: m.impactos[r.impacto].nombre,
                          valorProbabilidad: m.probabilidades[r.probabilidad].valor, valorImpacto: m.impactos[r.impacto].valor,
                          puntaje: score, zona: zone.nombre, texto: m.label(r))
        }
        entidad = map.entidad
        vigencia = map.vigencia
        metodologia = m.nombre
        periodo = period
        fechaCorte = map.periodos.first { $0.numero == period }?.fechaCorte
        metodo = method
        porcentaje = e.porcentaje
        semaforo = RatingZone(percent: e.porcentaje)
        riesgos = map.riesgos.map { r in
            RiskLine(numero: r.numero, riesgo: r.riesgo, inherente: rating(r.inherente), residual: rating(r.residual(m)),
                 porcentaje: e.porRiesgo[r.numero], semaforo: RatingZone(percent: e.porRiesgo[r.numero]),
                 materializado: r.materializaciones.first { $0.periodo == period }?.materializado)
        }
        mapaDeCalorInherente = e.inherente
        mapaDeCalorResidual = e.residual
        verificaciones = RiskChecks.run(map.riesgos.map(\.entry), methodology: m)
        mapa = map
    }
}
