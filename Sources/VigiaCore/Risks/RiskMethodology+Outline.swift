import Foundation

/// An entity's copy of a methodology as a form shows it: its scales, zones and heat map as lines of
/// text an auditor can read and edit («Posible | 3 | Al menos una vez en los últimos 2 años»), and
/// back, with a Spanish refusal naming the field and the line. What the form does not show (the
/// questionnaire, how controls are valued, the print style) is kept from the copy it was made from;
/// the JSON import/export carries everything.
public struct RiskMethodologyOutline: Sendable, Equatable, Codable {
    public var nombre: String
    public var fuente: String
    /// «Nombre | valor | descripción» per line, lowest first.
    public var probabilidades: String
    public var impactos: String
    /// The lowest impacto a corruption risk may have, by name.
    public var impactoMinimo: String
    /// «Nombre | #RRGGBB» per line, lowest first.
    public var zonas: String
    /// «Probabilidad: zona | zona | …» per line, one zone per impacto from the lowest.
    public var matriz: String
    /// The fewest «sí» answers for each impacto from the minimum: «0, 6, 12».
    public var umbrales: String
    /// From this zone up a risk must have actions, by name.
    public var zonaConAcciones: String

    public init(nombre: String, fuente: String, probabilidades: String, impactos: String, impactoMinimo: String, zonas: String,
                matriz: String, umbrales: String, zonaConAcciones: String) {
        self.nombre = nombre; self.fuente = fuente; self.probabilidades = probabilidades; self.impactos = impactos
        self.impactoMinimo = impactoMinimo; self.zonas = zonas; self.matriz = matriz; self.umbrales = umbrales; self.zonaConAcciones = zonaConAcciones
    }

    public init(_ m: RiskMethodology) {
        func levels(_ l: [RiskMethodology.Level]) -> String {
            l.map { "\($0.nombre) | \(SpanishFormat.number($0.valor))" + ($0.descripcion.isEmpty ? "" : " | \($0.descripcion)") }.joined(separator: "\n")
        }
        let rows = m.probabilidades.indices.reversed().map { p in
            "\(m.probabilidades[p].nombre): " + m.impactos.indices.map { i in m.zone(probabilidad: p, impacto: i)?.nombre ?? "?" }.joined(separator: " | ")
        }
        self.init(nombre: m.nombre, fuente: m.fuente, probabilidades: levels(m.probabilidades), impactos: levels(m.impactos),
                  impactoMinimo: m.impactos.indices.contains(m.impactoMinimo) ? m.impactos[m.impactoMinimo].nombre : "",
                  zonas: m.zonas.map { "\($0.nombre) | \($0.color)" }.joined(separator: "\n"), matriz: rows.joined(separator: "\n"),
                  umbrales: m.umbralesImpacto.map(String.init).joined(separator: ", "),
                  zonaConAcciones: m.zonas.indices.contains(m.zonaConAcciones) ? m.zonas[m.zonaConAcciones].nombre : "")
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func cells(_ line: String) -> [String] { line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }

    static func levels(_ text: String, field: String, label: String, into e: inout [String: String]) -> [RiskMethodology.Level] {
        var out: [RiskMethodology.Level] = []
        for (k, line) in lines(text).enumerated() {
            let c = cells(line)
            guard c.count >= 2, !c[0].isEmpty, let v = PercentInput.number(c[1].replacingOccurrences(of: "%", with: "")), v.isFinite else {
                e[field] = e[field] ?? "\(label), línea \(k + 1): escriba «nombre | valor | descripción» con un número como valor («\(String(line.prefix(60)))»)."
                continue
            }
            out.append(.init(c[0], v, c.count > 2 ? c[2...].joined(separator: " | ") : ""))
        }
        return out
    }

    /// The methodology this outline describes, taking from `base` what the form does not show and
    /// numbering it `version`; every problem by field, with its line.
    public func methodology(base: RiskMethodology, version: Int) throws(RiskMapEditError) -> RiskMethodology {
        var e: [String: String] = [:]
        let p = Self.levels(probabilidades, field: "probabilidades", label: "Probabilidad", into: &e)
        let i = Self.levels(impactos, field: "impactos", label: "Impacto", into: &e)
        var zones: [RiskZone] = []
        for (k, line) in Self.lines(zonas).enumerated() {
            let c = Self.cells(line)
            guard c.count == 2, !c[0].isEmpty else { e["zonas"] = e["zonas"] ?? "Zonas, línea \(k + 1): escriba «nombre | #RRGGBB»."; continue }
            zones.append(RiskZone(c[0], c[1].uppercased()))
        }
        let zoneIndex = Dictionary(zones.enumerated().map { ($1.nombre.folded, $0) }, uniquingKeysWith: { a, _ in a })
        var grid = Array(repeating: Array(repeating: -1, count: i.count), count: p.count)
        let rows = Self.lines(matriz)
        if rows.count != p.count { e["matriz"] = "Matriz: escriba una línea por cada uno de los \(p.count) niveles de probabilidad." }
        for (k, line) in rows.enumerated() {
            let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let row = p.firstIndex(where: { $0.nombre.folded == parts[0].folded }) else {
                e["matriz"] = e["matriz"] ?? "Matriz, línea \(k + 1): empiece con el nombre de una probabilidad y dos puntos («Posible: Moderada | Alta | Extrema»)."
                continue
            }
            let names = Self.cells(parts[1])
            guard names.count == i.count else { e["matriz"] = e["matriz"] ?? "Matriz, línea \(k + 1): escriba \(i.count) zonas, una por nivel de impacto."; continue }
            for (col, name) in names.enumerated() {
                guard let z = zoneIndex[name.folded] else { e["matriz"] = e["matriz"] ?? "Matriz, línea \(k + 1): «\(name)» no es una de las zonas."; continue }
                grid[row][col] = z
            }
        }
        let thresholds = umbrales.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        if thresholds.contains(nil) { e["umbralesImpacto"] = "Umbrales del cuestionario: escriba números enteros separados por comas («0, 6, 12»)." }
        let minimum = i.firstIndex { $0.nombre.folded == impactoMinimo.folded }
        if minimum == nil { e["impactoMinimo"] = "Impacto mínimo: elija uno de los niveles de impacto." }
        let needsActions = zones.firstIndex { $0.nombre.folded == zonaConAcciones.folded }
        if needsActions == nil { e["zonaConAcciones"] = "Zona que exige acciones: elija una de las zonas." }
        let m = RiskMethodology(nombre: nombre.trimmed, version: version, fuente: fuente.trimmed, estilo: base.estilo, probabilidades: p, impactos: i,
                                impactoMinimo: minimum ?? 0, zonas: zones, matriz: grid, preguntas: base.preguntas,
                                umbralesImpacto: thresholds.compactMap { $0 }, controles: base.controles, zonaConAcciones: needsActions ?? 0)
        if e.isEmpty { e = m.problems() }
        guard e.isEmpty else { throw RiskMapEditError(e) }
        return m
    }
}
