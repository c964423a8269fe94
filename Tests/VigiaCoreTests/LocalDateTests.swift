import Testing
@testable import VigiaCore

@Suite("Dates are day-first, as the formats write them")
struct LocalDateTests {
    @Test func readsDayFirst() {
        #expect(LocalDate(dayFirst: "4/01/2025") == LocalDate(year: 2025, month: 1, day: 4))
        #expect(LocalDate(dayFirst: "04-01-2025") == LocalDate(year: 2025, month: 1, day: 4))
        #expect(LocalDate(dayFirst: "2025-01-04") == LocalDate(year: 2025, month: 1, day: 4))
        #expect(LocalDate(dayFirst: "31/02/2025") == nil)
        #expect(LocalDate(dayFirst: "29/02/2024") != nil)
        #expect(LocalDate(dayFirst: "enero 4") == nil)
    }

    @Test func arithmetic() {
        let a = LocalDate(year: 2024, month: 12, day: 31)!
        #expect(a.adding(days: 1) == LocalDate(year: 2025, month: 1, day: 1))
        #expect(LocalDate.days(from: a, to: LocalDate(year: 2025, month: 3, day: 1)!) == 60)
        #expect(LocalDate(year: 2025, month: 1, day: 31)!.adding(months: 1) == LocalDate(year: 2025, month: 2, day: 28))
        #expect(a.dayFirst == "31/12/2024")
        #expect(a.iso == "2024-12-31")
    }

    @Test func spanishNumbers() {
        #expect(SpanishFormat.percent(66) == "66 %")
        #expect(SpanishFormat.percent(85.44) == "85,4 %")
        #expect(SpanishFormat.number(1234.5) == "1.234,5")
        #expect(SpanishFormat.percent(nil) == "—")
        #expect(PercentInput.number("85,4 %") == 85.4)
    }
}
