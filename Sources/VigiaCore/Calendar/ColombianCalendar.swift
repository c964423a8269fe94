import Foundation

/// Colombian public holidays (Ley 51 de 1983) and business days (Ley 4 de 1913, art. 62):
/// Saturdays, Sundays and holidays are not business days for public entities.
public enum ColombianCalendar {
    /// Easter Sunday (Gregorian, anonymous algorithm). Years outside LocalDate's 1000…9999 are
    /// clamped to it.
    public static func easter(_ year: Int) -> LocalDate {
        let year = min(max(year, LocalDate.earliest.year), LocalDate.latest.year)
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day) ?? .earliest  // always March or April
    }

    public struct Holiday: Sendable, Equatable {
        public let date: LocalDate
        public let name: String
    }

    /// Every holiday of `year`, in date order. Two may fall on one date (30 June 2025).
    /// None outside LocalDate's years 1000…9999.
    public static func holidays(_ year: Int) -> [Holiday] {
        guard (LocalDate.earliest.year...LocalDate.latest.year).contains(year) else { return [] }
        // Valid: the year was just checked, and the months and days are constants.
        func d(_ m: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: m, day: day)! }
        /// Ley Emiliani: moved to the following Monday when not on a Monday.
        func monday(_ date: LocalDate) -> LocalDate { date.adding(days: (7 - date.weekday.rawValue) % 7) }
        let e = easter(year)
        let list: [Holiday] = [
            .init(date: d(1, 1), name: "Año Nuevo"),
            .init(date: monday(d(1, 6)), name: "Día de los Reyes Magos"),
            .init(date: monday(d(3, 19)), name: "Día de San José"),
            .init(date: e.adding(days: -3), name: "Jueves Santo"),
            .init(date: e.adding(days: -2), name: "Viernes Santo"),
            .init(date: d(5, 1), name: "Día del Trabajo"),
            .init(date: e.adding(days: 43), name: "Ascensión del Señor"),
            .init(date: e.adding(days: 64), name: "Corpus Christi"),
            .init(date: e.adding(days: 71), name: "Sagrado Corazón de Jesús"),
            .init(date: monday(d(6, 29)), name: "San Pedro y San Pablo"),
            .init(date: d(7, 20), name: "Día de la Independencia"),
            .init(date: d(8, 7), name: "Batalla de Boyacá"),
            .init(date: monday(d(8, 15)), name: "La Asunción de la Virgen"),
            .init(date: monday(d(10, 12)), name: "Día de la Raza"),
            .init(date: monday(d(11, 1)), name: "Todos los Santos"),
            .init(date: monday(d(11, 11)), name: "Independencia de Cartagena"),
            .init(date: d(12, 8), name: "Inmaculada Concepción"),
            .init(date: d(12, 25), name: "Navidad"),
        ]
        return list.sorted { $0.date < $1.date }
    }

    public static func isHoliday(_ date: LocalDate) -> Bool {
        holidays(date.year).contains { $0.date == date }
    }

    public static func isBusinessDay(_ date: LocalDate) -> Bool {
        !date.weekday.isWeekend && !isHoliday(date)
    }

    /// The `n`th business day of a month (n from 1). A month or year out of range is clamped to
    /// 1…12 and LocalDate's years; the count stops at `LocalDate.latest`.
    public static func businessDay(_ n: Int, month: Int, year: Int) -> LocalDate {
        let y = min(max(year, LocalDate.earliest.year), LocalDate.latest.year)
        var date = LocalDate(year: y, month: min(max(month, 1), 12), day: 1) ?? .earliest
        var days = BusinessDays()
        var count = days.contains(date) ? 1 : 0
        while count < n && date < .latest {
            date = date.adding(days: 1)
            if days.contains(date) { count += 1 }
        }
        return date
    }

    /// Last day to publish a seguimiento cut at `cutOff`: the `n`th business day (10 by default)
    /// of the month after the cut-off.
    public static func publicationDeadline(cutOff: LocalDate, businessDays n: Int = 10) -> LocalDate {
        let next = cutOff.adding(days: 1 - cutOff.day).adding(months: 1)
        return businessDay(n, month: next.month, year: next.year)
    }

    /// Business days from `from` (excluded) to `to` (included); negative when `to` is earlier.
    public static func businessDays(from: LocalDate, to: LocalDate) -> Int {
        if to < from { return -businessDays(from: to, to: from) }
        var count = 0, date = from
        var days = BusinessDays()
        while date < to {
            date = date.adding(days: 1)
            if days.contains(date) { count += 1 }
        }
        return count
    }

    /// Business-day test that computes each year's holidays once, so walking across years of
    /// dates stays cheap (one year's list, not eighteen dates and a sort, per day).
    private struct BusinessDays {
        private var year = Int.min
        private var holidays: Set<LocalDate> = []

        mutating func contains(_ date: LocalDate) -> Bool {
            if date.weekday.isWeekend { return false }
            if date.year != year { year = date.year; holidays = Set(ColombianCalendar.holidays(year).map(\.date)) }
            return !holidays.contains(date)
        }
    }
}

public enum Weekday: Int, Sendable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
    public var isWeekend: Bool { self == .saturday || self == .sunday }
}

extension LocalDate {
    public var weekday: Weekday { Weekday(rawValue: ((dayNumber % 7) + 7) % 7)! }
}
