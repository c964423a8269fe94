import Fluent
import Vapor

/// One field that changed, for the audit trail.
struct FieldChange: Sendable {
    let field: String
    let old: String?
    let new: String?
}

/// Who did it and when: a signed-in user (at the moment of the request), or the command line.
struct Actor: Sendable {
    let userID: UUID?
    let name: String
    let at: Date
    static func commandLine(at: Date) -> Actor { Actor(userID: nil, name: "Línea de comandos", at: at) }
    init(userID: UUID?, name: String, at: Date) { self.userID = userID; self.name = name; self.at = at }
    init(_ user: CurrentUser) { self.init(userID: user.id, name: user.name, at: user.requestedAt) }
}

enum AuditLog {
    /// Records what happened; one row per changed field (or one row with no field). A change
    /// of a plan or a program raises its revision too (`PlanRevision`, `ProgramRevision`): call
    /// it in the change's transaction.
    static func record(_ summary: String, by actor: Actor, entityID: UUID, objectType: String, objectID: UUID?,
                       planID: UUID?, programID: UUID? = nil, changes: [FieldChange] = [], on db: Database) async throws {
        let rows = changes.isEmpty ? [nil] : changes.map(Optional.some)
        let now = actor.at
        for change in rows {
            let e = AuditEvent()
            e.$entity.id = entityID
            e.$user.id = actor.userID
            e.userName = actor.name
            e.at = now
            e.summary = summary
            e.objectType = objectType
            e.objectID = objectID
            e.planID = planID
            e.programID = programID
            e.field = change?.field
            e.oldValue = change?.old
            e.newValue = change?.new
            try await e.create(on: db)
        }
        if let planID { try await PlanRevision.bump(planID, on: db) }
        if let programID { try await ProgramRevision.bump(programID, on: db) }
    }

    /// Compares labelled values before and after an edit.
    static func diff(_ pairs: [(String, String?, String?)]) -> [FieldChange] {
        pairs.compactMap { $0.1 == $0.2 ? nil : FieldChange(field: $0.0, old: $0.1, new: $0.2) }
    }
}
