import Foundation
import VigiaCore

/// A list as a user sees it on a page (plans, actions, notifications, users, the audit trail…),
/// ready to download as CSV or XLSX with typed cells: the same rows, the same order.
public struct ListTable: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        /// A % from 0 to 100 (nil: not graded).
        case percent(Double?)
        case date(LocalDate?)
        /// An instant, shown in Colombia's time (dd/mm/aaaa hh:mm).
        case instant(Date?)
    }

    public struct Column: Sendable, Equatable {
        public var title: String
        /// Width in characters for the workbook.
        public var width: Double
        public init(_ title: String, width: Double = 18) { self.title = title; self.width = width }
    }

    /// The sheet's title and the file's base name, e.g. "Planes de mejoramiento".
    public var title: String
    /// A line under the title: the entity, the filters applied, the date of the download.
    public var subtitle: String
    public var columns: [Column]
    public var rows: [[Value]]

    public init(title: String, subtitle: String = "", columns: [Column], rows: [[Value]]) {
        self.title = title; self.subtitle = subtitle; self.columns = columns; self.rows = rows
    }

    /// Colombia's wall-clock time of an instant (UTC−5, no daylight saving).
    static func colombia(_ date: Date) -> (day: LocalDate, hour: Int, minute: Int)? {
        let seconds = date.timeIntervalSince1970 - 5 * 3600
        guard seconds.isFinite, abs(seconds) < 1e11 else { return nil }
        let whole = Int(seconds.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : -((-whole + 86_399) / 86_400)
        let rest = whole - days * 86_400
        guard let epoch = LocalDate(year: 1970, month: 1, day: 1) else { return nil }
        return (epoch.adding(days: days), rest / 3600, rest % 3600 / 60)
    }

    /// The text of a cell as the page shows it (Spanish number format).
    public static func text(_ value: Value) -> String {
        switch value {
        case .text(let s): s
        case .number(let n): SpanishFormat.number(n, maxDecimals: 4)
        case .percent(let p): p == nil ? "" : SpanishFormat.percent(p)
        case .date(let d): d?.dayFirst ?? ""
        case .instant(let i):
            i.flatMap(colombia).map { String(format: "%@ %02d:%02d", $0.day.dayFirst, $0.hour, $0.minute) } ?? ""
        }
    }
}
