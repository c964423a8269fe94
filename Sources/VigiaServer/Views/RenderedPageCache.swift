import Foundation
import Synchronization
import Vapor
import VigiaCore

/// Whole pages as rendered, by a key that names everything they show: a plan page is kept for
/// (plan, revision, round asked, the user and role, today, the semáforo limits), so a page that has
/// not changed is not rebuilt. The CSRF token is the only per-session value inside a page: the
/// page is rendered with `placeholder` (a random value of this process, unguessable from outside)
/// and each response puts the session's token in its place. Pages with a flash message are
/// never stored (the message is shown once). Bounded in bytes (`VIGIA_CACHE_PAGINAS_MB`, 32; 0 turns it off).
final class RenderedPageCache: Sendable {
    static let shared = RenderedPageCache(
        bytes: min(max(Int(ProcessInfo.processInfo.environment["VIGIA_CACHE_PAGINAS_MB"] ?? "") ?? 32, 0), 65_536) * 1_048_576)

    let placeholder = "csrf-" + Token.random()
    let capacity: Int
    /// A page cut at each placeholder: a response joins the parts with its token (a 2.6 MB page of
    /// 2,000 actions is then copied once, instead of searched through for every request).
    private struct Entry { var parts: [String]; var size: Int; var used: UInt64 }
    private struct State { var entries: [String: Entry] = [:]; var bytes = 0; var clock: UInt64 = 0 }
    private let state = Mutex(State())

    init(bytes: Int) { capacity = max(0, bytes) }

    /// The key of a plan page: every input of what it shows.
    static func planKey(_ planID: UUID, revision: Int, round: Int?, user: CurrentUser, today: LocalDate) -> String {
        let zones = RatingZoneLimits.current
        return "plan|\(planID)|\(revision)|\(round.map(String.init) ?? "-")|\(user.id)|\(user.role.rawValue)|"
            + "\(user.dependencyID?.uuidString ?? "-")|\(user.name)|\(today.iso)|\(zones.lowBelow)|\(zones.highFrom)"
    }

    /// The key of a page summing up the entity (`EntityPages`): its revision, the filters and page as
    /// parsed (`query`), the user and role, today and the semáforo limits.
    static func entityKey(_ name: String, revision: Int, query: String, user: CurrentUser, today: LocalDate) -> String {
        let zones = RatingZoneLimits.current
        // The two free texts last, each prefixed by its length: no name or filter can pass for another key.
        return "entidad|\(name)|\(user.entityID)|\(revision)|\(user.id)|\(user.role.rawValue)|\(user.dependencyID?.uuidString ?? "-")|"
            + "\(today.iso)|\(zones.lowBelow)|\(zones.highFrom)|\(user.name.utf8.count):\(user.name)|\(query.utf8.count):\(query)"
    }

    /// The key of a plan's JSON document (the same for every reader who may see the plan).
    static func documentKey(_ planID: UUID, revision: Int, round: Int?, today: LocalDate) -> String {
        let zones = RatingZoneLimits.current
        return "json|\(planID)|\(revision)|\(round.map(String.init) ?? "-")|\(today.iso)|\(zones.lowBelow)|\(zones.highFrom)"
    }

    /// The stored page's parts (`page(_:csrf:)` puts them together).
    func get(_ key: String) -> [String]? {
        state.withLock { s in
            guard var e = s.entries[key] else { return nil }
            s.clock += 1
            e.used = s.clock
            s.entries[key] = e
            return e.parts
        }
    }

    func put(_ key: String, _ html: String) {
        let size = html.utf8.count
        guard capacity > 0, size <= capacity / 4 else { return }
        let parts = html.components(separatedBy: placeholder)
        state.withLock { s in
            if let old = s.entries[key] { s.bytes -= old.size }
            while s.bytes + size > capacity, let oldest = s.entries.min(by: { $0.value.used < $1.value.used }) {
                s.bytes -= oldest.value.size
                s.entries[oldest.key] = nil
            }
            s.clock += 1
            s.entries[key] = Entry(parts: parts, size: size, used: s.clock)
            s.bytes += size
        }
    }

    /// The stored page with this session's CSRF token in it.
    func page(_ parts: [String], csrf: String) -> String { parts.joined(separator: csrf) }

    /// A page just rendered with the placeholder, with this session's CSRF token in it.
    func page(_ html: String, csrf: String) -> String { page(html.components(separatedBy: placeholder), csrf: csrf) }
}
