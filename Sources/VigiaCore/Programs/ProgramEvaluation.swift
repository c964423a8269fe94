import Foundation

/// How the program's % comes from its parts; every report names it.
public enum ProgramMethod: String, Codable, Sendable, CaseIterable {
    case meanOfComponents = "promedio_componentes"
    case meanOfActivities = "promedio_actividades"

    public var label: String {
        switch self {
        case .meanOfComponents: "Promedio de los componentes"
        case .meanOfActivities: "Promedio de todas las actividades"
        }
    }
}

/// Rating zones: below `lowBelow` baja (rojo), below `highFrom` media (amarillo), else alta (verde).
public struct RatingZoneLimits: Codable, Sendable, Equatable {
    public var lowBelow: Double
    public var highFrom: Double
    public init(lowBelow: Double = 60, highFrom: Double = 80) { self.lowBelow = lowBelow; self.highFrom = highFrom }

    /// The stored documents' keys are Spanish, like every other.
    enum CodingKeys: String, CodingKey { case lowBelow = "bajaPorDebajoDe", highFrom = "altaDesde" }

    /// The limits in effect for the work at hand: the server binds the entity's for each request
    /// (and the command line for each document), so every semáforo — pages, XLSX, PDF, the
    /// evaluations — uses the entity's thresholds without passing them through every call.
    @TaskLocal public static var current = RatingZoneLimits()

    /// Why these limits are not usable, or nil: 0 < baja-below < alta-from ≤ 100.
    public var problem: String? {
        guard lowBelow.isFinite, highFrom.isFinite, lowBelow > 0, highFrom <= 100, lowBelow < highFrom else {
            return "Zonas del semáforo: el límite de la zona baja debe ser mayor que 0 y menor que el de la zona alta, y este a lo sumo 100."
        }
        return nil
    }
    public func zone(_ percent: Double?) -> RatingZone { RatingZone(percent: percent, lowBelow: lowBelow, highFrom: highFrom) }
}

public struct ComponentEvaluation: Codable, Sendable, Equatable {
    public var numero: Int
    public var nombre: String
    public var actividades: Int
    public var aplican: Int
    public var noAplica: Int
    public var cumplidas: Int
    public var porcentaje: Double?
    public var zona: RatingZone
}

public struct ProgramEvaluation: Codable, Sendable, Equatable {
    public var periodo: Int
    public var metodo: ProgramMethod
    public var componentes: [ComponentEvaluation]
    public var porcentaje: Double?
    public var zona: RatingZone
    public var actividades: Int
    public var cumplidas: Int
}

public enum ProgramEvaluator {
    /// An activity's % in a period: its own, or the mean of its applicable sub-items; nil when
    /// N/A, not yet graded, or no sub-item applies.
    public static func percent(of activity: ActivitySnapshot, period: Int) -> Double? {
        if !activity.subitems.isEmpty {
            let values = activity.subitems.compactMap { percent(of: $0, period: period) }
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        guard let f = activity.followUp(period), !f.noAplica else { return nil }
        return f.porcentaje
    }

    /// Whether an activity counts in a period: its seguimiento is not N/A and, with sub-items,
    /// at least one of them counts. An activity not yet graded counts.
    public static func applies(_ activity: ActivitySnapshot, period: Int) -> Bool {
        if !activity.subitems.isEmpty { return activity.subitems.contains { applies($0, period: period) } }
        return activity.followUp(period)?.noAplica != true
    }

    public static func evaluate(_ program: ProgramSnapshot, period: Int, method: ProgramMethod = .meanOfComponents,
                                zones: RatingZoneLimits = .current) -> ProgramEvaluation {
        var components: [ComponentEvaluation] = []
        var allValues: [Double] = []
        for c in program.componentes {
            let values = c.actividades.map { percent(of: $0, period: period) }
            let applicable = values.compactMap { $0 }
            allValues += applicable
            let mean = applicable.isEmpty ? nil : applicable.reduce(0, +) / Double(applicable.count)
            components.append(ComponentEvaluation(
                numero: c.numero, nombre: c.nombre, actividades: c.actividades.count, aplican: applicable.count,
                noAplica: c.actividades.count - applicable.count, cumplidas: applicable.filter { $0 >= 100 }.count,
                porcentaje: mean, zona: zones.zone(mean)))
        }
        let value: Double?
        switch method {
        case .meanOfComponents:
            let means = components.compactMap(\.porcentaje)
            value = means.isEmpty ? nil : means.reduce(0, +) / Double(means.count)
        case .meanOfActivities:
            value = allValues.isEmpty ? nil : allValues.reduce(0, +) / Double(allValues.count)
        }
        return ProgramEvaluation(periodo: period, metodo: method, componentes: components, porcentaje: value,
                                 zona: zones.zone(value), actividades: program.activityCount,
                                 cumplidas: components.reduce(0) { $0 + $1.cumplidas })
    }
}

public enum ProgramStatus: String, Codable, Sendable, CaseIterable {
    case formulacion, enSeguimiento = "en_seguimiento", cerrado

    public var label: String {
        switch self {
        case .formulacion: "En formulación"
        case .enSeguimiento: "En seguimiento"
        case .cerrado: "Cerrado"
        }
    }
}
