import Foundation

/// The days in which responsables may file their progress reports for a round or period;
/// either end may be open. Both ends are included.
public struct ReportingWindow: Sendable, Equatable {
    public var from: LocalDate?
    public var until: LocalDate?

    public init(from: LocalDate?, until: LocalDate?) { self.from = from; self.until = until }

    /// The window's own problem: it ends before it starts.
    public var problem: String? {
        if let from, let until, until < from { return "Autoreportes: la fecha final de la ventana es anterior a la inicial." }
        return nil
    }

    /// Why a report on `day` is refused (nil when the window is open that day); `what` names the
    /// round or period, e.g. "del seguimiento 2".
    public func refusal(on day: LocalDate, what: String) -> String? {
        if let from, day < from { return "El periodo de autoreporte \(what) abre el \(from.dayFirst)." }
        if let until, day > until { return "El periodo de autoreporte \(what) cerró el \(until.dayFirst)." }
        return nil
    }
}
