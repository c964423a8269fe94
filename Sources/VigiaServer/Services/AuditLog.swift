import Fluent
import Vapor

/// One field that changed, for the audit trail.
struct FieldChange: Sendable {
    let field: String
    let old: String?
    let new: String?
}

/// Who did it: a signed-in user, or the command line.
struct Actor: Sendable {
    let userID: UUID?
    let name: String
    static let commandLine = Actor(userID: nil, name: "Línea de comandos")
    init(userID: UUID?, name: String) { self.userID = userID; self.name = name }
    init(_ user: CurrentUser) { self.init(userID: user.id, name: user.name) }
}

enum AuditLog {
    /// Records what happened; one row per changed field (or one row with no field).
    static func record(_ summary: String, by actor: Actor, entityID: UUID, objectType: String, objectID: UUID?,
                       planID: UUID?, programID: UUID? = nil, changes: [FieldChange] = [], on db: Database) async throws {
        let rows = changes.isEmpty ? [nil] : changes.map(Optional.some)
        let now = Date()
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
    }

    /// Compares labelled values before and after an edit.
    static func diff(_ pairs: [(String, String?, String?)]) -> [FieldChange] {
        pairs.compactMap { $0.1 == $0.2 ? nil : FieldChange(field: $0.0, old: $0.1, new: $0.2) }
    }
}
