import Foundation

/// A calendar date with no time and no time zone, as the formats write them.
/// Stored and encoded as ISO `yyyy-MM-dd`; shown day-first (`dd/mm/aaaa`).
///
/// Every value lies between `earliest` (01/01/1000) and `latest` (31/12/9999), the years the
/// formats can write: arithmetic saturates there, so a huge count of days or months (typed,
/// imported or computed) gives the first or last date instead of an overflow that stops the
/// server.
public struct LocalDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for dates that do not exist (31/02, month 13…) and years outside 1000…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), year >= 1000, year <= 9999,
              day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static let earliest = LocalDate(checked: 1000, 1, 1)
    public static let latest = LocalDate(checked: 9999, 12, 31)

    /// For components known to be valid (constants, or values just checked).
    private init(checked year: Int, _ month: Int, _ day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since an arbitrary epoch (Julian day number), for differences.
    public var dayNumber: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    /// The date of a day number, clamped to `earliest…latest`.
    public init(dayNumber: Int) {
        let jdn = min(max(dayNumber, LocalDate.earliestDayNumber), LocalDate.latestDayNumber)
        let a = jdn + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        self.day = e - (153 * m + 2) / 5 + 1
        self.month = m + 3 - 12 * (m / 10)
        self.year = 100 * b + d - 4800 + m / 10
    }

    private static let earliestDayNumber = earliest.dayNumber
    private static let latestDayNumber = latest.dayNumber

    /// `days` later (earlier when negative), saturating at `earliest` and `latest`.
    public func adding(days: Int) -> LocalDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return days > 0 ? .latest : .earliest }
        return LocalDate(dayNumber: sum)
    }

    /// Same day `months` later, clamped to the month's last day; saturating like `adding(days:)`.
    public func adding(months: Int) -> LocalDate {
        let (total, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        if overflow { return months > 0 ? .latest : .earliest }
        if total < LocalDate.earliest.year * 12 { return .earliest }
        if total > LocalDate.latest.year * 12 + 11 { return .latest }
        let y = total / 12, m = total % 12 + 1
        return LocalDate(checked: y, m, min(day, LocalDate.daysIn(month: m, year: y)))
    }

    public static func days(from a: LocalDate, to b: LocalDate) -> Int { b.dayNumber - a.dayNumber }

    public static func < (l: LocalDate, r: LocalDate) -> Bool { l.dayNumber < r.dayNumber }

    /// `2025-01-04`
    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// `04/01/2025`, as Colombian documents write it.
    public var dayFirst: String { String(format: "%02d/%02d/%04d", day, month, year) }

    public init?(iso text: String) {
        let parts = text.trimmed.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Reads a day-first date as typed in the formats: `4/01/2025`, `04-01-2025`, `4.1.25`,
    /// and also ISO `2025-01-04` (what an HTML date input sends).
    public init?(dayFirst text: String) {
        let t = text.trimmed
        if t.count == 10, t.dropFirst(4).first == "-", let iso = LocalDate(iso: t) { self = iso; return }
        let parts = t.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
              let d = Int(parts[0]), let m = Int(parts[1]), var y = Int(parts[2]) else { return nil }
        if parts[2].count == 2 { y += 2000 } else if parts[2].count != 4 { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Today in Colombia (UTC−5, no daylight saving).
    public static func today(now: Date) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Bogota") ?? TimeZone(secondsFromGMT: -5 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}

extension LocalDate: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "Fecha inválida «\(text)»: se espera aaaa-mm-dd"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

extension LocalDate: CustomStringConvertible {
    public var description: String { dayFirst }
}
