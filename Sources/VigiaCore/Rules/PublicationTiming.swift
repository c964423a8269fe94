import Foundation

/// Whether a seguimiento was published within its legal deadline (the 10th business day of
/// the month after the cut-off, unless the program says otherwise). The day of the deadline
/// is still on time.
public enum PublicationTiming: Sendable, Equatable {
    case onTime(deadline: LocalDate)
    case late(deadline: LocalDate)
    case noDeadline

    public init(publishedOn: LocalDate, deadline: LocalDate?) {
        guard let deadline else { self = .noDeadline; return }
        self = publishedOn <= deadline ? .onTime(deadline: deadline) : .late(deadline: deadline)
    }

    public var deadline: LocalDate? {
        switch self {
        case .onTime(let d), .late(let d): d
        case .noDeadline: nil
        }
    }

    /// true on time, false late, nil when there is no deadline to compare with.
    public var isOnTime: Bool? {
        switch self {
        case .onTime: true
        case .late: false
        case .noDeadline: nil
        }
    }

    /// “a tiempo”, “fuera de plazo”, or nil without a deadline.
    public var label: String? {
        switch self {
        case .onTime: "a tiempo"
        case .late: "fuera de plazo"
        case .noDeadline: nil
        }
    }

    /// The “Plazo legal” cell of the publication lists: “16/05/2025 · a tiempo”, or “—”.
    public var deadlineCell: String {
        guard let deadline, let label else { return "—" }
        return "\(deadline.dayFirst) · \(label)"
    }

    /// The sentence added when publishing late, nil otherwise:
    /// “Se publicó después del plazo legal (16/05/2025).”
    public var lateNotice: String? {
        guard case .late(let deadline) = self else { return nil }
        return "Se publicó después del plazo legal (\(deadline.dayFirst))."
    }
}
