import Foundation

/// A risk's position on its methodology's heat map: the probabilidad and impacto levels, 0-based
/// from the lowest (index into `RiskMethodology.probabilidades` and `.impactos`).
public struct RiskRating: Codable, Sendable, Equatable, Hashable {
    public var probabilidad: Int
    public var impacto: Int
    public init(probabilidad: Int, impacto: Int) { self.probabilidad = probabilidad; self.impacto = impacto }
}

/// A control of a risk, with the attributes the methodologies value.
public struct Control: Codable, Sendable, Equatable {
    public enum Tipo: String, Codable, Sendable, CaseIterable {
        case preventivo, detectivo, correctivo
        /// Preventive and detective controls lower the probabilidad; corrective ones the impacto.
        public var lowersProbability: Bool { self != .correctivo }
    }
    public enum Implementacion: String, Codable, Sendable, CaseIterable { case automatica = "automática", manual }

    public var descripcion: String
    public var responsable: String
    public var tipo: Tipo
    public var implementacion: Implementacion
    /// Informative attributes (Función Pública): documentado o no, how often, what record it leaves.
    public var documentacion: String
    public var frecuencia: String
    public var evidencia: String
    /// Guía 2015: the control's score by the guide's criteria, 0–100 (nil when not scored: it lowers nothing).
    public var puntaje: Double?

    public init(descripcion: String, responsable: String = "", tipo: Tipo, implementacion: Implementacion,
                documentacion: String = "", frecuencia: String = "", evidencia: String = "", puntaje: Double? = nil) {
        self.descripcion = descripcion; self.responsable = responsable; self.tipo = tipo; self.implementacion = implementacion
        self.documentacion = documentacion; self.frecuencia = frecuencia; self.evidencia = evidencia; self.puntaje = puntaje
    }
}

extension RiskMethodology {
    /// Whether `rating` names levels of this methodology.
    public func contains(_ rating: RiskRating) -> Bool {
        probabilidades.indices.contains(rating.probabilidad) && impactos.indices.contains(rating.impacto)
    }

    /// The score the methodology prints: probabilidad × impacto (2015: 3 × 10 = 30), or the two
    /// percentages' product as a percentage (60 % × 80 % = 48 %).
    public func score(_ r: RiskRating) -> Double? {
        guard contains(r) else { return nil }
        let p = probabilidades[r.probabilidad].valor, i = impactos[r.impacto].valor
        return estilo == .producto ? p * i : p * i / 100
    }

    /// "3 10 30 ALTA" (Guía 2015) or "60 % 80 % ALTO" (Función Pública), as published maps print it.
    public func label(_ r: RiskRating) -> String {
        guard contains(r), let zone = zone(probabilidad: r.probabilidad, impacto: r.impacto), let score = score(r) else { return "—" }
        let p = probabilidades[r.probabilidad].valor, i = impactos[r.impacto].valor
        switch estilo {
        case .producto: return "\(SpanishFormat.number(p)) \(SpanishFormat.number(i)) \(SpanishFormat.number(score)) \(zone.nombre.uppercased())"
        case .porcentaje: return "\(SpanishFormat.number(p)) % \(SpanishFormat.number(i)) % \(zone.nombre.uppercased())"
        }
    }

    /// The residual rating: the inherent one lowered by the controls as the methodology says, never
    /// below its lowest probabilidad nor below `impactoMinimo`.
    public func residual(_ inherent: RiskRating, controls: [Control]) -> RiskRating {
        guard contains(inherent) else { return inherent }
        switch controles {
        case .levels(let rules):
            func steps(_ scores: [Double]) -> Int {
                guard !scores.isEmpty else { return 0 }
                let mean = scores.reduce(0, +) / Double(scores.count)
                return rules.sorted { $0.desde > $1.desde }.first { mean >= $0.desde }?.niveles ?? 0
            }
            let scored = controls.filter { $0.puntaje?.isFinite == true }
            let down = steps(scored.filter(\.tipo.lowersProbability).compactMap(\.puntaje))
            let across = steps(scored.filter { !$0.tipo.lowersProbability }.compactMap(\.puntaje))
            return RiskRating(probabilidad: max(0, inherent.probabilidad - max(0, down)),
                              impacto: max(min(impactoMinimo, inherent.impacto), inherent.impacto - max(0, across)))
        case .attributes(let tipo, let implementacion):
            var p = probabilidades[inherent.probabilidad].valor, i = impactos[inherent.impacto].valor
            for c in controls {
                let weight = min(100, max(0, (tipo[c.tipo.rawValue] ?? 0) + (implementacion[c.implementacion.rawValue] ?? 0)))
                if c.tipo.lowersProbability { p -= p * weight / 100 } else { i -= i * weight / 100 }
            }
            return RiskRating(probabilidad: min(inherent.probabilidad, Self.level(of: p, in: probabilidades)),
                              impacto: min(inherent.impacto, max(impactoMinimo, Self.level(of: i, in: impactos))))
        }
    }

    /// The lowest level whose value the remaining `value` does not exceed (a hundredth's tolerance).
    static func level(of value: Double, in levels: [Level]) -> Int {
        levels.firstIndex { value <= $0.valor + 0.005 } ?? max(0, levels.count - 1)
    }

    /// Whether each control is scored 0–100 (Guía 2015) rather than weighed by its attributes.
    public var scoresControls: Bool {
        if case .levels = controles { return true }
        return false
    }

    /// A control's weight (Función Pública: tipo + implementación, e.g. preventivo manual = 40 %); nil under the Guía 2015.
    public func weight(of control: Control) -> Double? {
        guard case .attributes(let tipo, let implementacion) = controles else { return nil }
        return (tipo[control.tipo.rawValue] ?? 0) + (implementacion[control.implementacion.rawValue] ?? 0)
    }
}
