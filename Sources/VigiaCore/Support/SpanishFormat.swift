import Foundation

/// es-CO number formatting for screens and documents: `66 %`, `1.234,5`.
public enum SpanishFormat {
    /// One decimal at most, comma as decimal separator, dot for thousands: `1.234,5`, `66`.
    /// Any Double renders: from 10¹⁸ on (beyond what `Int` arithmetic can round safely) in
    /// Excel's es-CO scientific form `1E+308`; NaN as an em dash; infinities as `∞`, `-∞`.
    /// `maxDecimals` is clamped to 0…15, the digits a Double carries.
    public static func number(_ value: Double, maxDecimals: Int = 1) -> String {
        if value.isNaN { return "—" }
        if value.isInfinite { return value < 0 ? "-∞" : "∞" }
        if abs(value) >= 1e18 { return scientific(value) }
        let decimals = min(max(maxDecimals, 0), 15)
        let factor = pow(10.0, Double(decimals))
        // From 2⁵² on a Double is a whole number; scaling it would only lose digits.
        let rounded = abs(value) >= 0x1p52 ? value : (value * factor).rounded() / factor
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
            while f.count < decimals { f = "0" + f }
            while f.hasSuffix("0") { f.removeLast() }
            text += "," + f
        }
        return text
    }

    /// `1E+308`, `-1,5E+20`: the shortest digits that read back as `value`, as Excel shows them.
    private static func scientific(_ value: Double) -> String {
        // Swift writes every Double of 2⁵³ or more as `1.5e+20`.
        value.description.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "e", with: "E")
    }

    /// `66 %`, `85,4 %`, or an em dash for “no figure” (nil or NaN).
    public static func percent(_ value: Double?) -> String {
        guard let value, !value.isNaN else { return "—" }
        return number(value) + " %"
    }
}
