import Foundation

/// The entity's own settings as the administrador types them.
public enum EntityRules {
    /// "15, 5" → [15, 5]: one to five distinct whole days from 1 to 90, or the Spanish problem.
    public static func reminderDays(_ text: String) -> Result<[Int], EntityProblem> {
        let parts = text.split { $0 == "," || $0 == ";" || $0 == " " || $0 == "y" }.map { String($0) }
        guard !parts.isEmpty else { return .failure(.init("Recordatorios: escriba los días antes del vencimiento, por ejemplo «15, 5».")) }
        var days: [Int] = []
        for p in parts {
            guard let n = Int(p), (1...90).contains(n) else {
                return .failure(.init("Recordatorios: «\(p)» no es un número de días de 1 a 90."))
            }
            if !days.contains(n) { days.append(n) }
        }
        guard days.count <= 5 else { return .failure(.init("Recordatorios: a lo sumo cinco avisos.")) }
        return .success(days.sorted(by: >))
    }

    /// The maximum term of a plan in months: empty for no limit, else 1 to 60.
    public static func maxPlanMonths(_ text: String) -> Result<Int?, EntityProblem> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .success(nil) }
        guard let n = Int(t), (1...60).contains(n) else {
            return .failure(.init("Plazo máximo: «\(t)» no es un número de meses de 1 a 60 (déjelo vacío si no hay límite)."))
        }
        return .success(n)
    }

    /// The semáforo thresholds as typed ("60", "59,5", "80 %"): the zone baja is below the first,
    /// the zone alta from the second; 0 < first < second ≤ 100.
    public static func zoneLimits(lowBelow: String, highFrom: String) -> Result<RatingZoneLimits, EntityProblem> {
        var values: [Double] = []
        for (text, name) in [(lowBelow, "zona baja"), (highFrom, "zona alta")] {
            guard let v = PercentInput(text).value else {
                return .failure(.init("Zonas del semáforo: «\(text.trimmingCharacters(in: .whitespaces))» no es un % para la \(name) (por ejemplo 60)."))
            }
            values.append(v)
        }
        let limits = RatingZoneLimits(lowBelow: values[0], highFrom: values[1])
        if let problem = limits.problem { return .failure(.init(problem)) }
        return .success(limits)
    }

    /// How often the program's seguimiento is published.
    public static let periodicities = ["cuatrimestral", "semestral"]

    /// A NIT as written in Colombia: digits, dots and one dash before the check digit.
    public static func nitProblem(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return "NIT: escriba el NIT de la entidad." }
        let allowed = t.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
        guard allowed, t.filter(\.isNumber).count >= 6, t.count <= 20 else { return "NIT: «\(t)» no es un NIT (por ejemplo 890.000.123-4)." }
        return nil
    }
}

public struct EntityProblem: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
