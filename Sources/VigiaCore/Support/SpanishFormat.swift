import Foundation

/// es-CO number formatting for screens and documents: `66 %`, `1.234,5`.
public enum SpanishFormat {
    /// One decimal at most, comma as decimal separator, dot for thousands: `1.234,5`, `66`.
    public static func number(_ value: Double, maxDecimals: Int = 1) -> String {
        let factor = pow(10.0, Double(maxDecimals))
        let rounded = (value * factor).rounded() / factor
        let negative = rounded < 0
        let absValue = abs(rounded)
        var integer = Int(absValue)
        var fraction = Int(((absValue - Double(integer)) * factor).rounded())
        if fraction >= Int(factor) { integer += 1; fraction = 0 }
        var digits = String(integer)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        var text = (negative ? "-" : "") + grouped
        if fraction > 0 {
            var f = String(fraction)
            while f.count < maxDecimals { f = "0" + f }
            while f.hasSuffix("0") { f.removeLast() }
            text += "," + f
        }
        return text
    }

    /// `66 %`, `85,4 %`, or an em dash for “no figure”.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return number(value) + " %"
    }

    /// Reads `85,4`, `85.4`, `85,4 %`, `85 %`: what people type for a percentage.
    public static func parsePercent(_ text: String) -> Double? {
        var t = text.trimmed
        if t.hasSuffix("%") { t.removeLast() }
        t = t.trimmed.replacingOccurrences(of: ",", with: ".")
        guard !t.isEmpty, let v = Double(t), v.isFinite else { return nil }
        return v
    }
}
