import Foundation
import Testing
@testable import VigiaCore

@Suite("PercentInput: the one parser of % de avance")
struct PercentInputTests {
    typealias Reading = PercentInput.Reading

    static let points: [(String, Reading)] = [
        ("75", .value(75)), ("75 %", .value(75)), ("75%", .value(75)), ("75,5 %", .value(75.5)), ("75.5", .value(75.5)),
        ("  100 ", .value(100)), ("0", .value(0)), ("0,75", .value(0.75)), ("1", .value(1)),
        ("", .empty), ("   ", .empty),
        ("abc", .notANumber), ("%", .notANumber), ("75 % %", .notANumber), ("N/A", .notANumber),
        ("nan", .notANumber), ("inf", .notANumber), ("-inf", .notANumber), ("1e309", .notANumber),
        ("50\u{0}basura", .notANumber), ("\u{0}", .notANumber),
        ("101", .outOfRange(101)), ("-1", .outOfRange(-1)), ("100,01", .outOfRange(100.01)), ("1e308", .outOfRange(1e308)),
    ]

    @Test(arguments: points)
    func pointsNotation(_ text: String, _ expected: Reading) {
        #expect(PercentInput(text).reading == expected)
    }

    /// The B-I-007 plan's cells come from Excel as fractions: 0,75 is 75 %, unless written with its sign.
    static let fractions: [(String, Reading)] = [
        ("0,75", .value(75)), ("0.75", .value(75)), ("1", .value(100)), ("0", .value(0)), ("0,755", .value(75.5)),
        ("0,75 %", .value(0.75)), ("75", .value(75)), ("75 %", .value(75)), ("1,5", .value(1.5)), ("100", .value(100)),
        ("", .empty), ("abc", .notANumber),
        ("-0,5", .outOfRange(-0.5)), ("150", .outOfRange(150)), ("1e308", .outOfRange(1e308)), ("-1e308", .outOfRange(-1e308)),
    ]

    @Test(arguments: fractions)
    func fractionNotation(_ text: String, _ expected: Reading) {
        #expect(PercentInput(text, notation: .fraction).reading == expected)
    }

    @Test func formMessageNamesTheField() {
        let field = "Hallazgo 2, acción 1: el % de avance"
        #expect(PercentInput("abc").problem(field: field) == "Hallazgo 2, acción 1: el % de avance «abc» debe ser un número de 0 a 100.")
        #expect(PercentInput(" 150 ").problem(field: "% de avance:") == "% de avance: «150» debe ser un número de 0 a 100.")
        #expect(PercentInput("75 %").problem(field: field) == nil)
        #expect(PercentInput("").problem(field: field) == nil)
        #expect(PercentInput("").isAcceptable && PercentInput("3").isAcceptable && !PercentInput("x").isAcceptable)
    }

    @Test func importMessages() {
        #expect(PercentInput("abc").importProblem == "«abc» no es un porcentaje; escriba un número de 0 a 100.")
        #expect(PercentInput("150").importProblem == "el % de avance 150 está fuera del rango 0 a 100.")
        #expect(PercentInput("-1e308").importProblem == "el % de avance -1E+308 está fuera del rango 0 a 100.")
        #expect(PercentInput("80").importProblem == nil)
        #expect(PercentInput("80").value == 80)
        #expect(PercentInput("180").value == nil)
    }

    @Test func hugeAndStrangeTextNeverTraps() {
        let huge = String(repeating: "9", count: 100_000)
        #expect(PercentInput(huge).reading == .notANumber || PercentInput(huge).value == nil)
        #expect(PercentInput(String(repeating: "á", count: 50_000)).reading == .notANumber)
        #expect(PercentInput("0," + String(repeating: "5", count: 10_000), notation: .fraction).value != nil)
        #expect(PercentInput.number("85,4 %") == 85.4)
        #expect(PercentInput.number("2") == 2)
    }
}
