import Foundation
import Testing
@testable import VigiaCore

/// Values no form or file should carry, but some will: each used to stop the server with a
/// trap (found by `vigia-fuzz`); now each gives an answer.
@Suite("Out-of-range numbers and dates never trap")
struct OutOfRangeTests {
    @Test func anyDoubleRenders() {
        #expect(SpanishFormat.number(1e308) == "1E+308")
        #expect(SpanishFormat.number(-1e308) == "-1E+308")
        #expect(SpanishFormat.number(-1.5e20) == "-1,5E+20")
        #expect(SpanishFormat.number(.greatestFiniteMagnitude) == "1,7976931348623157E+308")
        #expect(SpanishFormat.number(1e18) == "1E+18")
        #expect(SpanishFormat.number(.nan) == "—")
        #expect(SpanishFormat.number(.infinity) == "∞")
        #expect(SpanishFormat.number(-.infinity) == "-∞")
        #expect(SpanishFormat.percent(.nan) == "—")
        #expect(SpanishFormat.percent(1e308) == "1E+308 %")
        #expect(SpanishFormat.number(.leastNonzeroMagnitude) == "0")
    }

    @Test func numbersBelowTheScientificFormKeepTheirDigits() {
        #expect(SpanishFormat.number(999_999_999_999_999_872) == "999.999.999.999.999.872")
        #expect(SpanishFormat.number(1_234_567.25, maxDecimals: 2) == "1.234.567,25")
        #expect(SpanishFormat.number(-0.04) == "0")
        #expect(SpanishFormat.number(99.95) == "100")
    }

    @Test func maxDecimalsIsClamped() {
        #expect(SpanishFormat.number(1.5, maxDecimals: 40) == "1,5")
        #expect(SpanishFormat.number(1.25, maxDecimals: -3) == "1")
        #expect(SpanishFormat.number(1e17, maxDecimals: 15) == "100.000.000.000.000.000")
    }

    @Test func aPercentWithANulIsNotANumber() {
        #expect(PercentInput.number("50\u{0}basura") == nil)
        #expect(PercentInput.number("1e309") == nil)
        #expect(PercentInput.number("nan") == nil)
        #expect(PercentInput.number("1e308") == 1e308)
    }

    @Test func dateArithmeticSaturates() {
        let d = LocalDate(year: 2025, month: 1, day: 4)!
        #expect(d.adding(days: Int.max) == .latest)
        #expect(d.adding(days: Int.min) == .earliest)
        #expect(d.adding(days: 10_000_000) == .latest)
        #expect(d.adding(months: Int.max) == .latest)
        #expect(d.adding(months: Int.min) == .earliest)
        #expect(LocalDate.latest.adding(months: 1) == .latest)
        #expect(LocalDate.latest.adding(days: 1) == .latest)
        #expect(LocalDate(year: 9999, month: 12, day: 1)!.adding(months: 1) == .latest)
        #expect(LocalDate(dayNumber: Int.max) == .latest)
        #expect(LocalDate(dayNumber: Int.min) == .earliest)
        #expect(LocalDate.earliest.iso == "1000-01-01")
        #expect(LocalDate.latest.dayFirst == "31/12/9999")
        // Within the range nothing changes.
        #expect(LocalDate(year: 2024, month: 1, day: 31)!.adding(months: 1) == LocalDate(year: 2024, month: 2, day: 29))
        #expect(LocalDate(year: 2025, month: 3, day: 31)!.adding(months: -13) == LocalDate(year: 2024, month: 2, day: 29))
    }

    @Test func datesOutsideTheFormatsYearsAreRefused() {
        #expect(LocalDate(dayFirst: "01/01/99999") == nil)
        #expect(LocalDate(dayFirst: "00/00/0000") == nil)
        #expect(LocalDate(iso: "99999-01-01") == nil)
        #expect(LocalDate(dayFirst: "1/99999999999999999999/2025") == nil)
        #expect(LocalDate(year: Int.max, month: 1, day: 1) == nil)
    }

    @Test func theCalendarTakesAnyYear() {
        #expect(ColombianCalendar.holidays(99999).isEmpty)
        #expect(ColombianCalendar.holidays(-5).isEmpty)
        #expect(ColombianCalendar.easter(Int.min) == ColombianCalendar.easter(1000))
        #expect(ColombianCalendar.easter(Int.max) == ColombianCalendar.easter(9999))
        #expect(ColombianCalendar.businessDay(3, month: 13, year: 99999) == ColombianCalendar.businessDay(3, month: 12, year: 9999))
        #expect(ColombianCalendar.businessDay(Int.max, month: 12, year: 9999) == .latest)
        #expect(ColombianCalendar.publicationDeadline(cutOff: .latest) <= .latest)
        #expect(PeriodSnapshot.cuatrimestres(99999).isEmpty)
        #expect(PeriodSnapshot.semestres(0).isEmpty)
        #expect(PeriodSnapshot.cuatrimestres(2026).map(\.fechaCorte.dayFirst) == ["30/04/2026", "31/08/2026", "31/12/2026"])
    }

    @Test func businessDaysAcrossCenturiesStayCheap() {
        let from = LocalDate(year: 2000, month: 1, day: 1)!, to = LocalDate(year: 2200, month: 1, day: 1)!
        // About 250 business days a year; the walk computes each year's holidays once.
        let days = ColombianCalendar.businessDays(from: from, to: to)
        #expect((200 * 240)...(200 * 252) ~= days)
        #expect(ColombianCalendar.businessDays(from: to, to: from) == -days)
    }

    @Test func hugeMetaQuantitiesStillWeighAFinitePercent() {
        let measures = [ActionMeasure(percent: 100, metaQuantity: 1e308), ActionMeasure(percent: 0, metaQuantity: 1e308),
                        ActionMeasure(percent: 50, metaQuantity: .nan)]
        let figure = ProgressAggregation.findingPercent(measures, method: .weightedByMetaQuantity)
        #expect(figure.porcentaje == 50)
        #expect(RatingZone(percent: .nan) == .sinDato)
    }

    @Test func aSpanOfAnyLengthKeepsRowsTogether() {
        let table = ReportTable(columnas: [ReportColumn("A", ancho: 1)],
                                filas: [ReportRow([ReportCell("x", filas: Int.max)]), ReportRow([ReportCell("y")])])
        #expect(table.blocks == [0..<2])
    }

    /// vigia-fuzz found an import taking 8 s: a letter with 31,000 accents stacked on it, which
    /// Swift normalises (in quadratic time) for every comparison.
    @Test func aLetterWithThousandsOfMarksIsOverlong() throws {
        let marks = { (n: Int) in Character("e" + String(repeating: "\u{0301}", count: n)) }
        #expect(!marks(31).isOverlong)
        #expect(marks(32).isOverlong)
        #expect(!Character("👩‍👩‍👧‍👦").isOverlong && !Character("🇨🇴").isOverlong)
        let huge = "Acci\u{F3}n " + String(marks(20_000))
        #expect(huge.folded.unicodeScalars.count == huge.unicodeScalars.count)
        #expect(huge.folded.hasPrefix("ACCION "))
        #expect(throws: TemplateOutlineError(line: 2, message: "un carácter lleva más de 30 acentos o marcas seguidas; no es texto legible.")) {
            try ProgramTemplate.components(fromOutline: "1. Uno\r\n- " + huge)
        }
    }

    @Test func anOutlineFromABrowserTextareaHasCRLF() throws {
        let lf = "1. Uno\n- Sub uno\n2. Dos\n\n3. Tres"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        let expected = try ProgramTemplate.components(fromOutline: lf)
        #expect(expected.map(\.nombre) == ["Uno", "Dos", "Tres"])
        #expect(try ProgramTemplate.components(fromOutline: crlf) == expected)
        #expect(try ProgramTemplate.components(fromOutline: cr) == expected)
        #expect(throws: TemplateOutlineError(line: 3, message: "escriba «N. Nombre del componente» o «- Subcomponente».")) {
            try ProgramTemplate.components(fromOutline: "1. Uno\r\n- Sub\r\nsin número")
        }
    }
}
