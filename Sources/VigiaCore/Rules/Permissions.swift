import Foundation

/// What a role may do with an improvement plan in a given state: the rules the server enforces
/// on every route, as pure functions that the pages also ask before offering a control.
/// A `…Refusal` function returns the Spanish reason to refuse, or nil when the action is allowed.
public enum PlanPermissions {
    /// Who sees a plan of its entity: everyone but a responsable, who sees only its dependency's,
    /// and the superadministrador, who sees no entity's data.
    public static func canSee(role: Role, userDependency: UUID?, planDependency: UUID?) -> Bool {
        if role.administersInstall { return false }
        guard role.seesOwnDependencyOnly else { return true }
        return userDependency != nil && planDependency == userDependency
    }

    /// Create or edit the plan's header, findings and actions (never the OCI columns).
    public static func formulateRefusal(role: Role, status: PlanStatus) -> String? {
        guard role.formulatesPlans else { return "Su rol (\(role.label)) solo permite consultar." }
        if status == .cerrado { return "El plan está cerrado: ya no admite cambios." }
        if role == .responsable && status != .formulacion {
            return "El plan ya fue suscrito: los cambios a hallazgos y acciones los registra la Oficina de Control Interno en el control de cambios."
        }
        return nil
    }

    public static func canFormulate(role: Role, status: PlanStatus) -> Bool { formulateRefusal(role: role, status: status) == nil }

    /// Register and grade follow-up rounds, publish them, keep the change log and signatures.
    public static func gradeRefusal(role: Role) -> String? {
        role.gradesFollowUps ? nil : "Solo la Oficina de Control Interno registra y califica los seguimientos (columnas de la OCI)."
    }

    public static func canGrade(role: Role) -> Bool { gradeRefusal(role: role) == nil }

    /// The review of eficacia and efectividad of a finding: who grades, once the plan is out of formulation.
    public static func reviewRefusal(role: Role, status: PlanStatus) -> String? {
        if let r = gradeRefusal(role: role) { return r }
        return status == .formulacion ? "El plan aún está en formulación: no hay acciones que revisar." : nil
    }

    /// A published round is frozen: its grades change only through a correction.
    public static func canGradeRound(role: Role, round: RoundStatus) -> Bool { canGrade(role: role) && round != .publicado }

    /// Create or import plans (and programs, and their activities).
    public static func createRefusal(role: Role) -> String? {
        role == .oci || role == .administrador ? nil : "Solo la Oficina de Control Interno crea o importa planes de mejoramiento."
    }

    public static func canCreate(role: Role) -> Bool { createRefusal(role: role) == nil }

    /// Autoreportes are written by the responsables; everyone who sees the plan may read them.
    public static func writesSelfReports(role: Role) -> Bool { role == .responsable }
}

/// What a role may do with an anti-corruption program. The server does not restrict it by the
/// program's state today, so neither do these.
public enum ProgramPermissions {
    /// The OCI's seguimiento of a period, and its publication.
    public static func followUpRefusal(role: Role) -> String? {
        role.gradesFollowUps ? nil
            : "Solo la Oficina de Control Interno registra el seguimiento del programa; los responsables reportan su monitoreo."
    }

    public static func canFollowUp(role: Role) -> Bool { followUpRefusal(role: role) == nil }

    /// The responsables' monitoreo: a responsable attached to a dependency.
    public static func monitoringRefusal(role: Role, hasDependency: Bool) -> String? {
        role == .responsable && hasDependency ? nil
            : "El monitoreo lo reportan los responsables de cada actividad; la OCI registra el seguimiento."
    }

    public static func canMonitor(role: Role, hasDependency: Bool) -> Bool { monitoringRefusal(role: role, hasDependency: hasDependency) == nil }

    /// Create programs and add activities: the same roles that create plans.
    public static func canFormulate(role: Role) -> Bool { PlanPermissions.canCreate(role: role) }
}

/// What a role may do with a mapa de riesgos de corrupción: the roles that formulate programs write
/// its risks, controls and actions; only the OCI grades its seguimiento and publishes it.
public enum RiskMapPermissions {
    public static func formulationRefusal(role: Role) -> String? {
        ProgramPermissions.canFormulate(role: role) ? nil
            : "Solo la Oficina de Control Interno o el administrador formulan el mapa de riesgos de corrupción."
    }

    public static func followUpRefusal(role: Role) -> String? {
        role.gradesFollowUps ? nil : "Solo la Oficina de Control Interno o el administrador registran y publican el seguimiento del mapa de riesgos."
    }

    /// The monitoreo of an action is reported by the responsables of the dependencias it names.
    public static func reportsMonitoring(role: Role, dependency: UUID?, of action: RiskActionPlan) -> Bool {
        guard role == .responsable, let dependency else { return false }
        return (action.dependencias ?? []).contains(dependency)
    }
}
