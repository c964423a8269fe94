import Fluent
import Vapor
import VigiaCore

enum ProgramAccess {
    /// The program of the user's entity, or 404.
    static func program(_ id: UUID, for user: CurrentUser, on db: Database) async throws -> AnticorruptionProgram {
        guard let p = try await AnticorruptionProgram.query(on: db).filter(\.$id == id)
            .filter(\.$entity.$id == user.entityID).first() else {
            throw Abort(.notFound, reason: "No existe el programa solicitado o usted no tiene acceso a él.")
        }
        return p
    }

    static func requireFollowUp(_ user: CurrentUser) throws {
        if let refusal = ProgramPermissions.followUpRefusal(role: user.role) { throw Abort(.forbidden, reason: refusal) }
    }

    static func requireMonitoring(_ user: CurrentUser) throws {
        if let refusal = ProgramPermissions.monitoringRefusal(role: user.role, hasDependency: user.dependencyID != nil) {
            throw Abort(.forbidden, reason: refusal)
        }
    }

    /// Activities linked to the user's dependency (sub-items included).
    static func activityIDs(of user: CurrentUser, on db: Database) async throws -> Set<UUID> {
        guard let dep = user.dependencyID else { return [] }
        let links = try await ActivityDependency.query(on: db).filter(\.$dependency.$id == dep).all()
        return Set(links.map { $0.$activity.id })
    }
}
