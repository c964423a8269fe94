import Foundation
import Synchronization
import VigiaCore

/// Plan snapshots by (plan, revision), most recently used kept: a plan page, its JSON, its
/// documents and the reminders read a plan that has not changed without asking the database
/// for its rows again. A change raises the revision (`PlanRevision`) in its own transaction, so
/// an entry is never served after it, whichever process made the change. Reads inside a
/// transaction neither use nor fill the cache: they may see rows that are later rolled back.
final class PlanSnapshotCache: Sendable {
    /// Plans kept (`VIGIA_CACHE_PLANES`); 0 turns the cache off.
    static let shared = PlanSnapshotCache(capacity: Int(ProcessInfo.processInfo.environment["VIGIA_CACHE_PLANES"] ?? "") ?? 512)

    private struct Entry { var revision: Int; var snapshot: PlanSnapshot; var used: UInt64 }
    private struct State { var entries: [UUID: Entry] = [:]; var clock: UInt64 = 0 }
    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) { self.capacity = max(0, capacity) }

    func get(_ id: UUID, revision: Int) -> PlanSnapshot? {
        state.withLock { s in
            guard var e = s.entries[id], e.revision == revision else { return nil }
            s.clock += 1
            e.used = s.clock
            s.entries[id] = e
            return e.snapshot
        }
    }

    func put(_ id: UUID, revision: Int, _ snapshot: PlanSnapshot) {
        guard capacity > 0 else { return }
        state.withLock { s in
            s.clock += 1
            if s.entries[id] == nil, s.entries.count >= capacity,
               let oldest = s.entries.min(by: { $0.value.used < $1.value.used })?.key {
                s.entries[oldest] = nil
            }
            s.entries[id] = Entry(revision: revision, snapshot: snapshot, used: s.clock)
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
