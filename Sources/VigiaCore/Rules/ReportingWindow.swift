import Foundation

/// The days in which the responsables may send their autoreporte for a seguimiento: from
/// `from` to `until`, both included; an open end has no limit on that side.
public struct ReportingWindow: Sendable, Equatable {
    public var from: LocalDate?
    public var until: LocalDate?

    public init(from: LocalDate?, until: LocalDate?) { self.from = from; self.until = until }

    public func contains(_ day: LocalDate) -> Bool {
        if let from, day < from { return false }
        if let until, day > until { return false }
        return true
    }

    /// Why a report cannot be received on `day` in seguimiento `round`, or nil when it can:
    /// “El periodo de autoreporte del seguimiento 2 abre el 01/05/2026.”
    public func refusal(on day: LocalDate, round: Int) -> String? {
        if let from, day < from { return "El periodo de autoreporte del seguimiento \(round) abre el \(from.dayFirst)." }
        if let until, day > until { return "El periodo de autoreporte del seguimiento \(round) cerró el \(until.dayFirst)." }
        return nil
    }

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
