import Foundation

/// A computed percentage together with how it was computed, so every report can say it.
public struct ProgressFigure: Codable, Sendable, Equatable {
    /// 0–100, or nil when nothing under it has been graded.
    public var porcentaje: Double?
    public var metodo: AggregationMethod
    /// How many parts had a figure and entered the computation.
    public var calificadas: Int
    /// How many parts there are in all.
    public var total: Int

    public init(porcentaje: Double?, metodo: AggregationMethod, calificadas: Int, total: Int) {
        self.porcentaje = porcentaje; self.metodo = metodo; self.calificadas = calificadas; self.total = total
    }
}

/// One action as the aggregation sees it.
public struct ActionMeasure: Sendable, Equatable {
    public var percent: Double?
    public var metaQuantity: Double?
    public init(percent: Double?, metaQuantity: Double? = nil) {
        self.percent = percent; self.metaQuantity = metaQuantity
    }
}

/// % de hallazgo and % del plan. A blank % means “not graded in this round” and is left out,
/// as Excel's AVERAGE leaves out an empty cell; the figure says how many entered.
public enum ProgressAggregation {
    /// % de hallazgo: mean of its actions' %, or weighted by each action's meta quantity
    /// (an action with no quantity weighs 1).
    public static func findingPercent(_ actions: [ActionMeasure], method: AggregationMethod) -> ProgressFigure {
        let graded = actions.filter { $0.percent != nil }
        guard !graded.isEmpty else {
            return ProgressFigure(porcentaje: nil, metodo: method, calificadas: 0, total: actions.count)
        }
        let value: Double
        switch method {
        case .mean:
            value = graded.reduce(0) { $0 + $1.percent! } / Double(graded.count)
        case .weightedByMetaQuantity:
            // A NaN quantity weighs nothing, like a negative one.
            let weights = graded.map { m in (m.metaQuantity ?? 1).isNaN ? 0 : max(m.metaQuantity ?? 1, 0) }
            let totalWeight = weights.reduce(0, +)
            if totalWeight == 0 {
                value = graded.reduce(0) { $0 + $1.percent! } / Double(graded.count)
            } else {
                value = weightedMean(graded, weights, totalWeight)
            }
        }
        return ProgressFigure(porcentaje: value, metodo: method, calificadas: graded.count, total: actions.count)
    }

    /// Quantities near Double's limit (a meta of “1e308 informes”) overflow the sums: then the
    /// same mean with every weight divided by the largest, which keeps them finite.
    private static func weightedMean(_ graded: [ActionMeasure], _ weights: [Double], _ total: Double) -> Double {
        func mean(_ w: [Double], _ total: Double) -> Double {
            zip(graded, w).reduce(0) { $0 + ($1.0.percent ?? 0) * $1.1 } / total
        }
        let value = mean(weights, total)
        guard !value.isFinite || !total.isFinite, let largest = weights.max(), largest.isFinite else { return value }
        let scaled = weights.map { $0 / largest }
        return mean(scaled, scaled.reduce(0, +))
    }

    /// % del plan: mean of its findings' % (findings with no graded action are left out).
    public static func planPercent(_ findings: [ProgressFigure], method: AggregationMethod) -> ProgressFigure {
        let values = findings.compactMap(\.porcentaje)
        let value = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        return ProgressFigure(porcentaje: value, metodo: method, calificadas: values.count, total: findings.count)
    }
}

/// The semáforo of a percentage: never colour alone, always with its word.
public enum RatingZone: String, Codable, Sendable {
    case rojo, amarillo, verde, sinDato = "sin_dato"

    /// The zone by the given limits; without them, by the entity's in effect
    /// (`RatingZoneLimits.current`: the domain's 0–59 baja, 60–79 media, 80–100 alta unless the
    /// entity set its own).
    public init(percent: Double?, lowBelow: Double = RatingZoneLimits.current.lowBelow,
                highFrom: Double = RatingZoneLimits.current.highFrom) {
        guard let percent, !percent.isNaN else { self = .sinDato; return }
        let p = (percent * 10).rounded() / 10
        self = p < lowBelow ? .rojo : (p < highFrom ? .amarillo : .verde)
    }

    public var label: String {
        switch self {
        case .rojo: "Baja"
        case .amarillo: "Media"
        case .verde: "Alta"
        case .sinDato: "Sin calificar"
        }
    }
}
