import Foundation

/// A zona de riesgo of a methodology's heat map (Baja … Extrema), lowest first, with the colour documents
/// paint it. Not a `RatingZone`, which is the semáforo of a %.
public struct RiskZone: Codable, Sendable, Equatable {
    public var nombre: String
    /// `#RRGGBB`.
    public var color: String
    public init(_ nombre: String, _ color: String) { self.nombre = nombre; self.color = color }
}

/// A way of rating corruption risks, as data and versioned like the program templates: its scales of
/// probabilidad and impacto, the zone of every cell of its heat map, the questionnaire that gives a
/// corruption risk's impacto, and how controls lower a risk from inherente to residual. A map keeps
/// the methodology (name and version) it was made with; an entity whose política de administración
/// del riesgo sets its own scales edits a copy. Sources and what is not yet confirmed:
/// `docs/mapa-de-riesgos-metodologias.md`.
public struct RiskMethodology: Codable, Sendable, Equatable {
    /// One step of a scale, lowest first: its name and the value the methodology prints for it
    /// (Guía 2015: probabilidad 1…5, impacto 5/10/20; Función Pública: 20 %…100 %).
    public struct Level: Codable, Sendable, Equatable {
        public var nombre: String
        public var valor: Double
        public var descripcion: String
        public init(_ nombre: String, _ valor: Double, _ descripcion: String = "") {
            self.nombre = nombre; self.valor = valor; self.descripcion = descripcion
        }
    }

    /// How the controls move a risk from its inherent to its residual level.
    public enum ControlValuation: Codable, Sendable, Equatable {
        /// Guía 2015: each control is scored 0–100 by its criteria; the mean score of the
        /// preventive and detective controls lowers the probabilidad, that of the corrective ones
        /// the impacto, by the levels of the first rule whose `desde` the score reaches (rules from the highest).
        case levels([LevelRule])
        /// Función Pública v5/v6: each control's weight (its tipo plus its implementación) takes its
        /// share off the probabilidad left (preventive, detective) or the impacto left
        /// (corrective), one control after another; the value left is read back as the level
        /// whose value it does not exceed.
        case attributes(tipo: [String: Double], implementacion: [String: Double])
    }

    /// "From `desde` points on, lower `niveles` levels."
    public struct LevelRule: Codable, Sendable, Equatable {
        public var desde: Double
        public var niveles: Int
        public init(desde: Double, niveles: Int) { self.desde = desde; self.niveles = niveles }
    }

    /// "Guía 2015 (Decreto 124 de 2016)", "Función Pública v6 (2022)".
    public var nombre: String
    public var version: Int
    /// Where the scales come from, as the entity's documents cite it.
    public var fuente: String
    /// How a rating prints: the 2015 style "3 10 30 ALTA" (values and their product) or the
    /// percentages "60 % 80 % ALTO".
    public var estilo: Style
    public var probabilidades: [Level]
    public var impactos: [Level]
    /// The lowest impacto a corruption risk may have (index in `impactos`): Función Pública's scale
    /// starts at Leve, but a corruption risk is never below Moderado.
    public var impactoMinimo: Int
    public var zonas: [RiskZone]
    /// `matriz[p][i]`: the index in `zonas` of the cell of probabilidad `p` and impacto `i`, both
    /// 0-based from the lowest. A lookup, not thresholds: the same product may fall in two zones.
    public var matriz: [[Int]]
    /// The questionnaire of a corruption risk's impacto: "Si el riesgo de corrupción se materializa podría…".
    public var preguntas: [String]
    /// Per impacto from `impactoMinimo` up, the fewest "sí" answers that reach it (ascending).
    public var umbralesImpacto: [Int]
    public var controles: ControlValuation
    /// From this zone (index in `zonas`) up a risk must have actions (Alta and Extrema).
    public var zonaConAcciones: Int

    public enum Style: String, Codable, Sendable { case producto, porcentaje }

    public init(nombre: String, version: Int, fuente: String, estilo: Style, probabilidades: [Level], impactos: [Level],
                impactoMinimo: Int, zonas: [RiskZone], matriz: [[Int]], preguntas: [String], umbralesImpacto: [Int],
                controles: ControlValuation, zonaConAcciones: Int) {
        self.nombre = nombre; self.version = version; self.fuente = fuente; self.estilo = estilo
        self.probabilidades = probabilidades; self.impactos = impactos; self.impactoMinimo = impactoMinimo
        self.zonas = zonas; self.matriz = matriz; self.preguntas = preguntas; self.umbralesImpacto = umbralesImpacto
        self.controles = controles; self.zonaConAcciones = zonaConAcciones
    }
}

extension RiskMethodology {
    /// The zone of a cell; nil for a level the methodology does not have.
    public func zone(probabilidad p: Int, impacto i: Int) -> RiskZone? {
        guard matriz.indices.contains(p), matriz[p].indices.contains(i), zonas.indices.contains(matriz[p][i]) else { return nil }
        return zonas[matriz[p][i]]
    }

    /// The zone's index in `zonas`, for comparisons (nil as `zone`).
    public func zoneIndex(probabilidad p: Int, impacto i: Int) -> Int? {
        guard matriz.indices.contains(p), matriz[p].indices.contains(i), zonas.indices.contains(matriz[p][i]) else { return nil }
        return matriz[p][i]
    }

    /// The impacto (index in `impactos`) of a questionnaire with `yes` answers "sí": the highest
    /// level whose threshold it reaches, and never below `impactoMinimo`.
    public func impacto(respuestasSi yes: Int) -> Int {
        var level = impactoMinimo
        for (k, threshold) in umbralesImpacto.enumerated() where yes >= threshold {
            level = min(impactoMinimo + k, impactos.count - 1)
        }
        return max(0, level)
    }

    /// Problems of an edited copy, by field, in Spanish (empty when it can be used).
    public func problems() -> [String: String] {
        var out: [String: String] = [:]
        if nombre.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out["nombre"] = "Nombre: escriba el nombre de la metodología." }
        for (field, label, levels) in [("probabilidades", "Probabilidad", probabilidades), ("impactos", "Impacto", impactos)] {
            if levels.isEmpty || levels.count > 10 { out[field] = "\(label): entre 1 y 10 niveles."; continue }
            if levels.contains(where: { !$0.valor.isFinite || $0.valor <= 0 }) { out[field] = "\(label): cada nivel necesita un valor mayor que cero." }
            if zip(levels, levels.dropFirst()).contains(where: { $0.valor >= $1.valor }) { out[field] = "\(label): los valores deben crecer del nivel más bajo al más alto." }
            if levels.contains(where: { $0.nombre.trimmingCharacters(in: .whitespaces).isEmpty }) { out[field] = "\(label): cada nivel necesita un nombre." }
        }
        if zonas.isEmpty || zonas.count > 10 { out["zonas"] = "Zonas: entre 1 y 10 zonas." }
        if let bad = zonas.first(where: { !Self.isColour($0.color) }) { out["zonas"] = "Zonas: «\(bad.color)» no es un color #RRGGBB." }
        if matriz.count != probabilidades.count || matriz.contains(where: { $0.count != impactos.count }) {
            out["matriz"] = "Matriz: debe tener \(probabilidades.count) filas (probabilidad) de \(impactos.count) columnas (impacto)."
        } else if matriz.joined().contains(where: { !zonas.indices.contains($0) }) {
            out["matriz"] = "Matriz: cada celda debe nombrar una de las \(zonas.count) zonas."
        }
        if !impactos.indices.contains(impactoMinimo) { out["impactoMinimo"] = "Impacto mínimo: no es un nivel de impacto." }
        // Counted only for a real level: a JSON file may bring any number, and `count - Int.min` overflows.
        let steps = impactos.indices.contains(impactoMinimo) ? impactos.count - impactoMinimo : -1
        if umbralesImpacto.count != steps || zip(umbralesImpacto, umbralesImpacto.dropFirst()).contains(where: { $0 >= $1 })
            || umbralesImpacto.contains(where: { $0 < 0 || $0 > preguntas.count }) {
            out["umbralesImpacto"] = "Umbrales del cuestionario: uno por nivel de impacto desde el mínimo, crecientes y entre 0 y \(preguntas.count)."
        }
        if !zonas.indices.contains(zonaConAcciones) { out["zonaConAcciones"] = "Zona que exige acciones: no es una de las zonas." }
        return out
    }

    static func isColour(_ text: String) -> Bool {
        text.utf8.count == 7 && text.hasPrefix("#") && text.utf8.dropFirst().allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102) }
    }
}

extension RiskMethodology.ControlValuation {
    private enum Keys: String, CodingKey { case tipo, reglas, pesosTipo, pesosImplementacion }

    /// `{"tipo": "niveles", "reglas": […]}` or `{"tipo": "atributos", "pesosTipo": {…}, "pesosImplementacion": {…}}`:
    /// the JSON an entity edits and the API shows, stable whatever Swift's enum coding does.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .tipo) {
        case "niveles": self = .levels(try c.decode([RiskMethodology.LevelRule].self, forKey: .reglas))
        case "atributos": self = .attributes(tipo: try c.decode([String: Double].self, forKey: .pesosTipo),
                                             implementacion: try c.decode([String: Double].self, forKey: .pesosImplementacion))
        case let other: throw DecodingError.dataCorruptedError(forKey: .tipo, in: c, debugDescription: "tipo de valoración de controles desconocido: \(other)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .levels(let rules):
            try c.encode("niveles", forKey: .tipo)
            try c.encode(rules, forKey: .reglas)
        case .attributes(let tipo, let implementacion):
            try c.encode("atributos", forKey: .tipo)
            try c.encode(tipo, forKey: .pesosTipo)
            try c.encode(implementacion, forKey: .pesosImplementacion)
        }
    }
}
