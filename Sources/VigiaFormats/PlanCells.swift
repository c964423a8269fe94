import VigiaCore

/// How the plan importer reads a date cell and a % de avance cell; `package` so the fuzzer
/// (VigiaFuzz) can hammer the very same functions.
package enum PlanCells {
    /// A day-first date, or an Excel serial date (days since 30/12/1899) pasted without its format.
    package static func date(_ text: String) -> LocalDate? {
        if let date = LocalDate(dayFirst: text) { return date }
        // The range check also keeps NaN, infinities and 1e15 away from Int(serial).
        if let serial = Double(text), serial > 20000, serial < 80000, let epoch = LocalDate(year: 1899, month: 12, day: 30) {
            return epoch.adding(days: Int(serial))
        }
        return nil
    }

    /// `85,4`, `85,4 %`, `100 %`; Excel may paste 0,75 for a cell formatted as 75 %.
    package static func percent(_ text: String) -> PercentInput {
        PercentInput(text, notation: .fraction)
    }
}
