import Fluent
import SQLKit
import Vapor
import VigiaCore

/// What a handler intends to do with a plan; the server checks it on every route.
enum PlanIntent {
    case read
    /// Create or edit the plan, its findings and actions (not the OCI columns).
    case formulate
    /// Write the OCI columns: follow-up rounds and their grades.
    case grade
}

enum Access {
    /// The plan if `user` may do `intent` with it. Another entity's plan, or (for a
    /// responsable) another dependency's, does not exist for this user: 404, nothing leaks.
    static func plan(_ id: UUID, for user: CurrentUser, _ intent: PlanIntent, on db: Database) async throws -> ImprovementPlan {
        guard let plan = try await ImprovementPlan.query(on: db)
            .filter(\.$id == id).filter(\.$entity.$id == user.entityID).first(),
            canSee(plan, user) else {
            throw Abort(.notFound, reason: "No existe el plan solicitado o usted no tiene acceso a él.")
        }
        let refusal: String? = switch intent {
        case .read: nil
        case .formulate: PlanPermissions.formulateRefusal(role: user.role, status: plan.estado)
        case .grade: PlanPermissions.gradeRefusal(role: user.role)
        }
        if let refusal { throw Abort(.forbidden, reason: refusal) }
        return plan
    }

    /// The statement of `readablePlanRevision`, written once (every cached plan page runs it).
    static let planRevisionStatement = "SELECT dependency_id, revision FROM improvement_plans WHERE entity_id = "

    /// The plan's revision, if `user` may read the plan (404 otherwise, as `plan`): one light
    /// statement, for a page that may come whole from `RenderedPageCache`.
    static func readablePlanRevision(_ id: UUID, for user: CurrentUser, on db: Database) async throws -> Int {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        let row = try await sql.raw("\(unsafeRaw: planRevisionStatement)\(bind: user.entityID) AND id = \(bind: id) LIMIT 1").first()
        guard let row, let revision = try? row.decode(column: "revision", as: Int.self),
              PlanPermissions.canSee(role: user.role, userDependency: user.dependencyID,
                                     planDependency: try row.decode(column: "dependency_id", as: UUID?.self)) else {
            throw Abort(.notFound, reason: "No existe el plan solicitado o usted no tiene acceso a él.")
        }
        return revision
    }

    static func canSee(_ plan: ImprovementPlan, _ user: CurrentUser) -> Bool {
        plan.$entity.id == user.entityID
            && PlanPermissions.canSee(role: user.role, userDependency: user.dependencyID, planDependency: plan.$dependency.id)
    }

    /// Plans the user may see, newest first.
    static func plans(for user: CurrentUser, on db: Database) async throws -> [ImprovementPlan] {
        let query = ImprovementPlan.query(on: db).filter(\.$entity.$id == user.entityID)
        if user.role.seesOwnDependencyOnly {
            guard let dep = user.dependencyID else { return [] }
            query.filter(\.$dependency.$id == dep)
        }
        return try await query.sort(\.$createdAt, .descending).all()
    }

    /// The administrador of the user's entity, or 403 with `reason`.
    static func requireAdministrador(_ user: CurrentUser, _ reason: String) throws {
        guard user.role.administers else { throw Abort(.forbidden, reason: reason) }
    }

    static func requireCreatePlan(_ user: CurrentUser) throws {
        if let refusal = PlanPermissions.createRefusal(role: user.role) { throw Abort(.forbidden, reason: refusal) }
    }
}
