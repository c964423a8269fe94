import Foundation
import Vapor

/// The query parameters the site's links carry, named once: handlers read them with
/// `req.siteQuery(.round)` and links are built with `SiteURL.path(with:)`.
enum SiteQuery: Sendable, Equatable {
    /// A plan's follow-up round (`?seguimiento=N`).
    case round(Int)
    /// A program's follow-up period (`?periodo=N`).
    case period(Int)
    /// A program component, to narrow a form (`?componente=N`).
    case component(Int)

    enum Key: String, Sendable { case round = "seguimiento", period = "periodo", component = "componente" }

    var key: Key {
        switch self {
        case .round: .round
        case .period: .period
        case .component: .component
        }
    }

    var value: Int {
        switch self {
        case .round(let n), .period(let n), .component(let n): n
        }
    }
}

extension SiteQuery {
    static func append(_ query: [SiteQuery], to path: String) -> String {
        query.isEmpty ? path : path + "?" + query.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: "&")
    }
}

extension SiteQuery {
    /// A one-time link's secret (`?t=…`): in the query, which the request log never writes.
    static func append(token: String, to path: String) -> String { path + "?t=" + token }
}

extension SiteURL {
    /// The page's path with these query parameters, e.g. `/planes/…?seguimiento=2`.
    func path(with query: SiteQuery...) -> String { SiteQuery.append(query, to: path) }
}

extension ApiURL {
    func path(with query: SiteQuery...) -> String { SiteQuery.append(query, to: path) }
}

extension Request {
    /// A query parameter of the site's, if present and a number.
    func siteQuery(_ key: SiteQuery.Key) -> Int? { query[Int.self, at: key.rawValue] }
}
