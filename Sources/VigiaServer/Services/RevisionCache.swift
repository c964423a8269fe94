import Foundation
import Synchronization
import VigiaCore

/// Values by (plan or program, revision), most recently used kept. A change raises the revision
/// (`PlanRevision`, `ProgramRevision`) in its own transaction, so an entry is never served after it, whichever
/// process made the change. Reads inside a transaction neither use nor fill a cache: they may
/// see rows that are later rolled back.
final class RevisionCache<Value: Sendable>: Sendable {
    private let entries: KeyedCache<UUID, (revision: Int, value: Value)>
    var capacity: Int { entries.capacity }

    init(capacity: Int) { entries = KeyedCache(capacity: capacity) }

    /// `VIGIA_<name>` from the environment, or `fallback`.
    static func capacity(_ variable: String, _ fallback: Int) -> Int {
        Int(ProcessInfo.processInfo.environment[variable] ?? "") ?? fallback
    }

    func get(_ id: UUID, revision: Int) -> Value? {
        guard let e = entries.get(id), e.revision == revision else { return nil }
        return e.value
    }

    func put(_ id: UUID, revision: Int, _ value: Value) { entries.put(id, (revision, value)) }

    var count: Int { entries.count }
}

/// Whole plan snapshots: a plan page, its JSON, its documents and the reminders read a plan that
/// has not changed without asking the database for its rows again (`VIGIA_CACHE_PLANES`, 2,000).
let planSnapshotCache = RevisionCache<PlanSnapshot>(capacity: RevisionCache<PlanSnapshot>.capacity("VIGIA_CACHE_PLANES", 2_000))

/// Decoded plan digests: the home page of an entity with a thousand plans adds up a thousand of
/// them without decoding their JSON again (`VIGIA_CACHE_RESUMENES`, 50,000, about 1 KB each).
let planDigestCache = RevisionCache<PlanDigest>(capacity: RevisionCache<PlanDigest>.capacity("VIGIA_CACHE_RESUMENES", 50_000))

/// Whole program snapshots (a program page, its documents and JSON), by program revision
/// (`ProgramRevision`); `VIGIA_CACHE_PROGRAMAS`, 500.
let programSnapshotCache = RevisionCache<ProgramSnapshot>(capacity: RevisionCache<ProgramSnapshot>.capacity("VIGIA_CACHE_PROGRAMAS", 500))

/// Plans' evaluations (the Core's figures of every action and finding), by plan revision: Acciones
/// lists every action of an entity's plans without evaluating each plan again (`VIGIA_CACHE_EVALUACIONES`, 5,000).
let planEvaluationCache = RevisionCache<RoundEvaluation>(capacity: RevisionCache<RoundEvaluation>.capacity("VIGIA_CACHE_EVALUACIONES", 5_000))

/// Values by a key that names every input they depend on (a plan's id with its revision in
/// `RevisionCache`, an entity's revision inside `RenderedPageCache.entityKey`), the most recently used
/// kept; bounded in entries, a full cache drops its least recently used eighth at once.
final class KeyedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry { var value: Value; var used: UInt64 }
    private struct State { var entries: [Key: Entry] = [:]; var clock: UInt64 = 0 }
    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) { self.capacity = max(0, capacity) }

    func get(_ key: Key) -> Value? {
        state.withLock { s in
            guard var e = s.entries[key] else { return nil }
            s.clock += 1
            e.used = s.clock
            s.entries[key] = e
            return e.value
        }
    }

    func put(_ key: Key, _ value: Value) {
        guard capacity > 0 else { return }
        state.withLock { s in
            s.clock += 1
            if s.entries[key] == nil, s.entries.count >= capacity {
                let drop = s.entries.sorted { $0.value.used < $1.value.used }.prefix(max(1, capacity / 8)).map(\.key)
                for key in drop { s.entries[key] = nil }
            }
            s.entries[key] = Entry(value: value, used: s.clock)
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}

/// Pages of `GET /api/v1/plans` (the JSON body and the count within the filter), by the entity's
/// revision; `VIGIA_CACHE_LISTAS_API`, 500 (a page holds at most 500 summaries, ~120 KB).
let apiPlanListCache = KeyedCache<String, (body: Data, total: Int)>(capacity: RevisionCache<Int>.capacity("VIGIA_CACHE_LISTAS_API", 500))
