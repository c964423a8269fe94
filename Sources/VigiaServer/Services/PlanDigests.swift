import Fluent
import SQLKit
import Vapor
import VigiaCore

/// The stored `PlanDigest` of each plan (M029): the plan list and the home page read one small
/// record per plan. A digest is computed by the VigiaCore rules from the plan's snapshot the
/// first time it is read after a change (its `digest_revision` differs from the plan's
/// `revision`) and stored only if the plan has not changed again meanwhile, so a reader never
/// keeps a digest older than the data, whichever process wrote it.
enum PlanDigests {
    struct Entry: Sendable {
        var planID: UUID
        var dependencyID: UUID?
        var digest: PlanDigest
        /// Its open actions when the digest was computed for this read (else read on demand).
        var open: [PendingAction]? = nil
    }

    private struct Row {
        var id: UUID
        var dependency_id: UUID?
        var revision: Int
        var digest_revision: Int?

        /// The plans of `query`, column by column: a list reads one row per plan, and SQLKit's
        /// Codable row decoder was a fifth of the home page of a thousand plans.
        static func all(_ query: SQLSelectBuilder) async throws -> [Row] {
            try await query.columns("id", "dependency_id", "revision", "digest_revision").all().map { r in
                Row(id: try r.decode(column: "id", as: UUID.self), dependency_id: try r.decode(column: "dependency_id", as: UUID?.self),
                    revision: try r.decode(column: "revision", as: Int.self), digest_revision: try r.decode(column: "digest_revision", as: Int?.self))
            }
        }
    }

    /// Which of the visible plans a list shows.
    struct Filter: Sendable, Equatable {
        var dependencyID: UUID?
        var estado: PlanStatus?
    }

    /// The digests of the plans `user` may see (the rule of `Access.plans`), newest first.
    static func visible(for user: CurrentUser, on db: Database) async throws -> [Entry] {
        guard let query = try base(user, Filter(), on: db) else { return [] }
        return try await entries(query.orderBy("created_at", .descending).orderBy("id"), on: db)
    }

    /// The plans `user` may see, newest first, with their dependencia and revision: one light
    /// statement, whatever their history (Acciones, which evaluates each plan from the caches).
    static func visibleRevisions(for user: CurrentUser, on db: Database) async throws -> [(id: UUID, dependencyID: UUID?, revision: Int)] {
        guard let query = try base(user, Filter(), on: db) else { return [] }
        return try await Row.all(query.orderBy("created_at", .descending).orderBy("id"))
            .map { ($0.id, $0.dependency_id, $0.revision) }
    }

    /// One page of the visible plans within `filter`, newest first, and how many there are in all:
    /// only the page's digests are read (and computed when stale).
    static func page(for user: CurrentUser, filter: Filter, number: Int, size: Int,
                     on db: Database) async throws -> (entries: [Entry], total: Int) {
        guard let counted = try base(user, filter, on: db) else { return ([], 0) }
        struct Count: Decodable { var n: Int }
        let total = try await counted.column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .first(decoding: Count.self)?.n ?? 0
        guard let query = try base(user, filter, on: db) else { return ([], 0) }
        let entries = try await entries(query.orderBy("created_at", .descending).orderBy("id")
            .limit(size).offset(max(0, number - 1) * size), on: db)
        return (entries, total)
    }

    /// The plans of the user's entity (of its dependencia for a responsable) within `filter`; nil when it sees none.
    private static func base(_ user: CurrentUser, _ filter: Filter, on db: Database) throws -> SQLSelectBuilder? {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        var query = sql.select().from(ImprovementPlan.schema).where("entity_id", .equal, user.entityID)
        if user.role.seesOwnDependencyOnly {
            guard let dependency = user.dependencyID else { return nil }
            query = query.where("dependency_id", .equal, dependency)
        } else if let dependency = filter.dependencyID {
            query = query.where("dependency_id", .equal, dependency)
        }
        if let estado = filter.estado { query = query.where("estado", .equal, estado.rawValue) }
        return query
    }

    /// The rows of `query` as entries: digests decoded earlier come from `planDigestCache`, the
    /// others are read (their JSON only then) or, when stale, computed and stored.
    private static func entries(_ query: SQLSelectBuilder, on db: Database) async throws -> [Entry] {
        let rows = try await Row.all(query)
        let cache = db.inTransaction ? nil : planDigestCache
        var digests: [UUID: PlanDigest] = [:], fresh: [UUID: [PendingAction]] = [:]
        var stale: [UUID: Int] = [:], unread: [UUID: Int] = [:]
        for row in rows {
            if row.digest_revision != row.revision {
                stale[row.id] = row.revision
            } else if let digest = cache?.get(row.id, revision: row.revision) {
                digests[row.id] = digest
            } else {
                unread[row.id] = row.revision
            }
        }
        for (id, revision, digest) in try await stored(unread, on: db) {
            if let digest { digests[id] = digest; cache?.put(id, revision: revision, digest) } else { stale[id] = revision }
        }
        for (id, computed) in try await refresh(stale, on: db) {
            digests[id] = computed.digest
            fresh[id] = computed.open
            if let revision = stale[id] { cache?.put(id, revision: revision, computed.digest) }
        }
        return rows.compactMap { row in
            digests[row.id].map { Entry(planID: row.id, dependencyID: row.dependency_id, digest: $0, open: fresh[row.id]) }
        }
    }

    /// The stored digests of `revisions` (id → revision), decoded; nil for one that changed since or does not decode.
    private static func stored(_ revisions: [UUID: Int], on db: Database) async throws -> [(UUID, Int, PlanDigest?)] {
        guard !revisions.isEmpty, let sql = db as? SQLDatabase else { return [] }
        struct Text: Decodable { var id: UUID; var digest_revision: Int?; var digest: String? }
        let decoder = JSONDecoder()
        var out: [(UUID, Int, PlanDigest?)] = []
        let ids = Array(revisions.keys)
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[start..<min(ids.count, start + 500)])
            for row in try await sql.select().columns("id", "digest_revision", "digest").from(ImprovementPlan.schema)
                .where("id", .in, slice).all(decoding: Text.self) {
                guard let revision = revisions[row.id] else { continue }
                let digest = row.digest_revision == revision ? row.digest.flatMap { try? decoder.decode(PlanDigest.self, from: Data($0.utf8)) } : nil
                out.append((row.id, revision, digest))
            }
        }
        return out
    }

    /// The actions below 100 % with a fecha final of the plans `user` may see that are not
    /// closed, soonest first (the responsable's home page).
    static func pendingActions(for user: CurrentUser, on db: Database) async throws -> [PendingAction] {
        let open = try await visible(for: user, on: db).filter { $0.digest.estado != .cerrado }
        var byPlan: [(estado: PlanStatus, open: [PendingAction])] = open.compactMap { e in e.open.map { (e.digest.estado, $0) } }
        let unread = open.filter { $0.open == nil }
        guard !unread.isEmpty, let sql = db as? SQLDatabase else { return DashboardFigures.pendingActions(byPlan) }
        struct ActionsRow: Decodable { var id: UUID; var digest_actions: String? }
        let decoder = JSONDecoder()
        // In slices: a bound list of ids per statement, whatever the number of plans.
        for start in stride(from: 0, to: unread.count, by: 500) {
            let slice = unread[start..<min(unread.count, start + 500)]
            let estados = Dictionary(slice.map { ($0.planID, $0.digest.estado) }, uniquingKeysWith: { a, _ in a })
            for row in try await sql.select().columns("id", "digest_actions").from(ImprovementPlan.schema)
                .where("id", .in, slice.map(\.planID)).all(decoding: ActionsRow.self) {
                guard let estado = estados[row.id] else { continue }
                byPlan.append((estado, row.digest_actions.flatMap { try? decoder.decode([PendingAction].self, from: Data($0.utf8)) } ?? []))
            }
        }
        return DashboardFigures.pendingActions(byPlan)
    }

    /// Computes the digests of the plans `revisions` names (id → the revision read), stores each
    /// one whose plan is still at that revision, and returns them all.
    @discardableResult
    static func refresh(_ revisions: [UUID: Int], on db: Database) async throws -> [UUID: (digest: PlanDigest, open: [PendingAction])] {
        guard !revisions.isEmpty, let sql = db as? SQLDatabase else { return [:] }
        let plans = try await ImprovementPlan.query(on: db).filter(\.$id ~~ Array(revisions.keys)).all()
        let snapshots = try await PlanStore.snapshots(of: plans, on: db)
        let waiting = try await ungradedReports(snapshots, on: db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var out: [UUID: (digest: PlanDigest, open: [PendingAction])] = [:]
        for s in snapshots {
            guard let id = s.id, let revision = revisions[id] else { continue }
            let evaluation = PlanEvaluator.current(s)
            let digest = PlanDigest(s, evaluation: evaluation, waiting: Self.waiting(waiting[id] ?? []))
            let open = PlanDigest.openActions(s, evaluation)
            out[id] = (digest, open)
            try await sql.update(ImprovementPlan.schema)
                .set("digest", to: String(decoding: try encoder.encode(digest), as: UTF8.self))
                .set("digest_actions", to: String(decoding: try encoder.encode(open), as: UTF8.self))
                .set("digest_revision", to: revision)
                .where("id", .equal, id).where("revision", .equal, revision).run()
        }
        return out
    }

    /// An autoreporte of an open round (borrador) that the OCI has not graded yet.
    struct UngradedReport {
        var round: RoundSnapshot
        var action: ActionRef
    }

    /// Per plan, the autoreportes of its open rounds the OCI has not graded, in round order, read
    /// in one query for all the plans (the home page's figures and the OCI's reminder both use it).
    static func ungradedReports(_ plans: [PlanSnapshot], on db: Database) async throws -> [UUID: [UngradedReport]] {
        let open = plans.flatMap { s in s.seguimientos.filter { $0.estado == .borrador }.compactMap(\.id) }
        guard !open.isEmpty else { return [:] }
        let byRound = Dictionary(grouping: try await ProgressReport.query(on: db).filter(\.$round.$id ~~ open).all(), by: { $0.$round.id })
        var out: [UUID: [UngradedReport]] = [:]
        for s in plans {
            guard let planID = s.id else { continue }
            for r in s.seguimientos where r.estado == .borrador {
                for report in r.id.flatMap({ byRound[$0] }) ?? [] {
                    guard let ref = report.$action.id.flatMap({ NotificationService.ref(of: $0, in: s) }), !r.isGraded(ref) else { continue }
                    out[planID, default: []].append(UngradedReport(round: r, action: ref))
                }
            }
        }
        return out
    }

    /// The digest's count per open round of the ungraded autoreportes.
    static func waiting(_ reports: [UngradedReport]) -> [PlanDigest.Waiting] {
        var out: [PlanDigest.Waiting] = []
        for r in reports {
            if out.last?.round == r.round.numero { out[out.count - 1].count += 1 } else { out.append(.init(round: r.round.numero, count: 1)) }
        }
        return out
    }
}
