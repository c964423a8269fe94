import Fluent
import Vapor
import VigiaCore

/// What every use case needs: who acts (and at what moment, by the injected clock), through
/// which database, and by which channel. The web and the API build one and call the same
/// service; only the decoding of the input and the shape of the answer differ.
struct UseCaseContext: Sendable {
    enum Channel: Sendable { case web, api }

    let user: CurrentUser
    let db: Database
    let channel: Channel

    var actor: Actor { Actor(user) }
    var entityID: UUID { user.entityID }
    var now: Date { user.requestedAt }
    var today: LocalDate { LocalDate.today(now: user.requestedAt) }
    /// Appended to the audit trail's summaries, so the trail tells which door a change came through.
    var auditSuffix: String { channel == .api ? " (API)" : "" }

    /// 403 with `reason` unless the user is the entity's administrador.
    func requireAdministrator(_ reason: String) throws {
        guard user.role.administers else { throw Abort(.forbidden, reason: reason) }
    }

    /// The same context on another database handle (inside a transaction).
    func on(_ db: Database) -> UseCaseContext { UseCaseContext(user: user, db: db, channel: channel) }
}

extension Request {
    /// The use-case context of this signed-in request; `/api/` requests are the API channel.
    func useCase() throws -> UseCaseContext {
        UseCaseContext(user: try requireUser(), db: db, channel: url.path.hasPrefix("/api/") ? .api : .web)
    }
}

/// Input a use case refuses, as Spanish sentences keyed by the field they concern (the web
/// form's field name, which is also the API's JSON key). The web shows each beside its field;
/// the API answers 422 naming the fields.
struct InvalidInput: AbortError {
    let problems: [String: String]

    init(_ problems: [String: String]) { self.problems = problems }
    init(field: String, _ message: String) { self.problems = [field: message] }

    var status: HTTPStatus { .unprocessableEntity }
    var reason: String {
        problems.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: " ")
    }

    /// Throws when there is anything to refuse.
    static func check(_ problems: [String: String]) throws {
        if !problems.isEmpty { throw InvalidInput(problems) }
    }
}
