import Foundation

/// A % de avance as typed in a form or read from a cell: the one parser of percentages.
/// Accepts `75`, `75%`, `75 %`, `75,5 %`, `75.5`. Where the format holds fractions (Excel's
/// cells formatted as %, pasted as `0,75`), a bare number up to 1 is read as a fraction.
/// Never traps: NaN, infinities, NUL and text that is no number are refused.
public struct PercentInput: Sendable, Equatable {
    /// How the field writes its numbers.
    public enum Notation: Sendable, Equatable {
        /// `75` is 75 % (forms, the PAAC/PTEP seguimiento).
        case points
        /// A bare number from 0 to 1 is a fraction: `0,75` is 75 %, `1` is 100 %; with a `%`
        /// sign or above 1 it is read as points (the B-I-007 plan's % cells).
        case fraction
    }

    public enum Reading: Sendable, Equatable {
        /// Nothing written (blank or only spaces).
        case empty
        /// A percentage from 0 to 100.
        case value(Double)
        /// Not a finite number.
        case notANumber
        /// A number outside 0–100, as written (`150`, `-0,5`).
        case outOfRange(Double)
    }

    /// The text as written, trimmed.
    public let text: String
    public let reading: Reading

    public init(_ text: String, notation: Notation = .points) {
        self.text = text.trimmed
        guard !self.text.isEmpty else { reading = .empty; return }
        guard let number = PercentInput.number(self.text) else { reading = .notANumber; return }
        let isFraction = notation == .fraction && !self.text.contains("%") && number <= 1
        let percent = isFraction ? number * 100 : number
        reading = (0...100).contains(percent) ? .value(percent) : .outOfRange(number)
    }

    /// A % that arrived as a number (the JSON API): checked by the same rule, shown as written
    /// in Spanish (`150`, `75,5`).
    public init(number: Double) {
        text = SpanishFormat.number(number)
        reading = !number.isFinite ? .notANumber : (0...100).contains(number) ? .value(number) : .outOfRange(number)
    }

    /// The percentage, when the text is one from 0 to 100.
    public var value: Double? {
        if case .value(let v) = reading { return v }
        return nil
    }

    /// Whether the field may be saved: blank or a percentage from 0 to 100.
    public var isAcceptable: Bool {
        switch reading {
        case .empty, .value: true
        case .notANumber, .outOfRange: false
        }
    }

    /// A form's refusal naming the field, nil when blank or valid:
    /// `problem(field: "Hallazgo 2, acción 1: el % de avance")` gives
    /// “Hallazgo 2, acción 1: el % de avance «abc» debe ser un número de 0 a 100.”
    public func problem(field: String) -> String? {
        isAcceptable ? nil : "\(field) «\(text)» debe ser un número de 0 a 100."
    }

    /// An importer's refusal (the line and column are said by the import error), nil when
    /// blank or valid.
    public var importProblem: String? {
        switch reading {
        case .empty, .value: nil
        case .notANumber: "«\(text)» no es un porcentaje; escriba un número de 0 a 100."
        case .outOfRange(let number): "el % de avance \(SpanishFormat.number(number)) está fuera del rango 0 a 100."
        }
    }

    /// The number of `85,4`, `85.4`, `85,4 %`, `85 %`, with no range check (also the quantity
    /// at the head of a meta). Only finite numbers; a NUL is refused (the C parser underneath
    /// would stop at it and read `5\0x` as 5).
    public static func number(_ text: String) -> Double? {
        var t = text.trimmed
        if t.hasSuffix("%") { t.removeLast() }
        t = t.trimmed.replacingOccurrences(of: ",", with: ".")
        guard !t.isEmpty, !t.utf8.contains(0), let v = Double(t), v.isFinite else { return nil }
        return v
    }
}
