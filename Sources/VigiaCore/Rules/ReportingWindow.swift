import Foundation

/// The days in which the responsables may send their progress report (autoreporte of a round,
/// monitoreo of a period): from `from` to `until`, both included; an open end has no limit.
public struct ReportingWindow: Sendable, Equatable {
    public var from: LocalDate?
    public var until: LocalDate?

    public init(from: LocalDate?, until: LocalDate?) { self.from = from; self.until = until }

    public func contains(_ day: LocalDate) -> Bool {
        if let from, day < from { return false }
        if let until, day > until { return false }
        return true
    }

    /// The window's own problem: it ends before it starts.
    public var problem: String? { problem(label: "Autoreportes") }

    /// The same, naming the reports ("Monitoreo: la fecha final …").
    public func problem(label: String) -> String? {
        if let from, let until, until < from { return "\(label): la fecha final de la ventana es anterior a la inicial." }
        return nil
    }

    /// Why a report cannot be received on `day`, or nil when it can; `what` names the round or
    /// period and `report` the kind of report: “El periodo de autoreporte del seguimiento 2 abre el
    /// 01/05/2026.”, “El periodo de monitoreo del primer cuatrimestre 2026 cerró el 15/05/2026.”
    public func refusal(on day: LocalDate, what: String, report: String = "autoreporte") -> String? {
        if let from, day < from { return "El periodo de \(report) \(what) abre el \(from.dayFirst)." }
        if let until, day > until { return "El periodo de \(report) \(what) cerró el \(until.dayFirst)." }
        return nil
    }

    /// The same for seguimiento `round` of a plan.
    public func refusal(on day: LocalDate, round: Int) -> String? { refusal(on: day, what: "del seguimiento \(round)") }

    /// What the form tells the responsables, empty when the window has no limits:
    /// “Se reciben reportes del 01/05/2026 al 15/05/2026.”
    public var summary: String {
        switch (from, until) {
        case let (from?, until?): "Se reciben reportes del \(from.dayFirst) al \(until.dayFirst)."
        case let (nil, until?): "Se reciben reportes hasta el \(until.dayFirst)."
        case let (from?, nil): "Se reciben reportes desde el \(from.dayFirst)."
        case (nil, nil): ""
        }
    }
}
