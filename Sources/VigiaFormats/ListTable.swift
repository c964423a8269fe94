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

    /// The text of a cell as the page shows it (Spanish number format).
    public static func text(_ value: Value) -> String {
        switch value {
        case .text(let s): s
        case .number(let n): SpanishFormat.number(n, maxDecimals: 4)
        case .percent(let p): p == nil ? "" : SpanishFormat.percent(p)
        case .date(let d): d?.dayFirst ?? ""
        case .instant(let i):
            i.flatMap(ColombiaClock.wallClock).map { String(format: "%@ %02d:%02d", $0.day.dayFirst, $0.hour, $0.minute) } ?? ""
        }
    }
}
