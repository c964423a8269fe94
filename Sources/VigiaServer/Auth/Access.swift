import Fluent
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
        switch intent {
        case .read:
            break
        case .formulate:
            guard user.role.formulatesPlans else {
                throw Abort(.forbidden, reason: "Su rol (\(user.role.label)) solo permite consultar.")
            }
            if plan.estado == .cerrado {
                throw Abort(.forbidden, reason: "El plan está cerrado: ya no admite cambios.")
            }
            if user.role == .responsable && plan.estado != .formulacion {
                throw Abort(.forbidden, reason: "El plan ya fue suscrito: los cambios a hallazgos y acciones los registra la Oficina de Control Interno en el control de cambios.")
            }
        case .grade:
            guard user.role.gradesFollowUps else {
                throw Abort(.forbidden, reason: "Solo la Oficina de Control Interno registra y califica los seguimientos (columnas de la OCI).")
            }
        }
        return plan
    }

    static func canSee(_ plan: ImprovementPlan, _ user: CurrentUser) -> Bool {
        guard plan.$entity.id == user.entityID else { return false }
        if user.role == .responsable { return user.dependencyID != nil && plan.$dependency.id == user.dependencyID }
        return true
    }

    /// Plans the user may see, newest first.
    static func plans(for user: CurrentUser, on db: Database) async throws -> [ImprovementPlan] {
        let query = ImprovementPlan.query(on: db).filter(\.$entity.$id == user.entityID)
        if user.role == .responsable {
            guard let dep = user.dependencyID else { return [] }
            query.filter(\.$dependency.$id == dep)
        }
        return try await query.sort(\.$createdAt, .descending).all()
    }

    /// The administrador of the user's entity, or 403 with `reason`.
    static func requireAdministrador(_ user: CurrentUser, _ reason: String) throws {
        guard user.role == .administrador else { throw Abort(.forbidden, reason: reason) }
    }

    static func requireCreatePlan(_ user: CurrentUser) throws {
        guard user.role == .oci || user.role == .administrador else {
            throw Abort(.forbidden, reason: "Solo la Oficina de Control Interno crea o importa planes de mejoramiento.")
        }
    }
}
