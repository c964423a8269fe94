import Foundation

/// Colombia's wall clock (UTC−5, no daylight saving) for instants the server recorded: the one
/// conversion the lists, the audit filters and the downloads share.
public enum ColombiaClock {
    static let offset: Double = -5 * 3600

    /// The day, hour and minute of `date` in Colombia; nil for an instant no calendar holds.
    public static func wallClock(_ date: Date) -> (day: LocalDate, hour: Int, minute: Int)? {
        let seconds = date.timeIntervalSince1970 + offset
        guard seconds.isFinite, abs(seconds) < 1e11 else { return nil }
        let whole = Int(seconds.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : -((-whole + 86_399) / 86_400)
        let rest = whole - days * 86_400
        guard let epoch = LocalDate(year: 1970, month: 1, day: 1) else { return nil }
        return (epoch.adding(days: days), rest / 3600, rest % 3600 / 60)
    }

    /// The instant `day` begins in Colombia (00:00 UTC−5).
    public static func start(of day: LocalDate) -> Date {
        let epoch = LocalDate(year: 1970, month: 1, day: 1) ?? day
        return Date(timeIntervalSince1970: Double(LocalDate.days(from: epoch, to: day)) * 86_400 - offset)
    }
}
