import Foundation
import VigiaCore

/// Reads a form's optional dates (dd/mm/aaaa, or aaaa-mm-dd from a date input), keeping one
/// Spanish message per unreadable field so the form can show them all at once.
struct FormDates {
    private(set) var problems: [String: String] = [:]

    /// The date typed in `field`, nil when empty or unreadable (then `message(text)` is kept).
    mutating func read(_ text: String?, field: String, message: (String) -> String) -> LocalDate? {
        let t = (text ?? "").trimmed
        guard !t.isEmpty else { return nil }
        guard let day = LocalDate(dayFirst: t) else { problems[field] = message(t); return nil }
        return day
    }

    /// The same with the usual message: "Monitoreo desde: «31/02/2026» no es una fecha (dd/mm/aaaa)."
    mutating func read(_ text: String?, field: String, label: String) -> LocalDate? {
        read(text, field: field) { "\(label): «\($0)» no es una fecha (dd/mm/aaaa)." }
    }
}
