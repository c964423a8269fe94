import Fluent
import Vapor
import VigiaCore

/// An activity of a program component; `parent` is set for sub-items.
final class ProgramActivity: Model, @unchecked Sendable {
    static let schema = "program_activities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "component_id") var component: ProgramComponent
    @OptionalParent(key: "parent_id") var parent: ProgramActivity?
    @Field(key: "position") var position: Int
    @Field(key: "subcomponente") var subcomponente: String
    @Field(key: "actividad") var actividad: String
    @Field(key: "meta") var meta: String
    @Field(key: "responsables") var responsables: String
    @OptionalField(key: "fecha_programada") var fechaProgramada: ScheduledDate?

    @Siblings(through: ActivityDependency.self, from: \.$activity, to: \.$dependency) var dependencies: [Dependency]

    init() {}

    init(entityID: UUID, componentID: UUID, parentID: UUID?, position: Int, snapshot a: ActivitySnapshot) {
        self.$entity.id = entityID
        self.$component.id = componentID
        self.$parent.id = parentID
        self.position = position
        subcomponente = a.subcomponente
        actividad = a.actividad
        meta = a.meta
        responsables = a.responsables
        fechaProgramada = a.fechaProgramada
    }
}

final class ActivityDependency: Model, @unchecked Sendable {
    static let schema = "activity_dependencies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: ProgramActivity
    @Parent(key: "dependency_id") var dependency: Dependency

    init() {}
}

/// The OCI's seguimiento of an activity in a period (published). Written by the OCI only.
final class ActivityFollowUp: Model, @unchecked Sendable {
    static let schema = "activity_follow_ups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "activity_id") var activity: ProgramActivity
    @Parent(key: "period_id") var period: FollowUpPeriod
    @OptionalField(key: "porcentaje") var porcentaje: Double?
    @Field(key: "no_aplica") var noAplica: Bool
    @Field(key: "seguimiento") var seguimiento: String
    /// Evidence links, one per line.
    @Field(key: "evidencias") var evidencias: String
    @OptionalParent(key: "updated_by") var updatedBy: User?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(entityID: UUID, activityID: UUID, periodID: UUID) {
        self.$entity.id = entityID
        self.$activity.id = activityID
        self.$period.id = periodID
        noAplica = false
        seguimiento = ""
        evidencias = ""
    }
}

/// The responsables' own report (monitoreo): shown beside the OCI's, never overwriting it.
final class ActivityMonitoring: Model, @unchecked Sendable {
    static let schema = "activity_monitorings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "activity_id") var activity: ProgramActivity
    @Parent(key: "period_id") var period: FollowUpPeriod
    @OptionalField(key: "porcentaje") var porcentaje: Double?
    @Field(key: "no_aplica") var noAplica: Bool
    @Field(key: "reporte") var reporte: String
    @Field(key: "evidencias") var evidencias: String
    @OptionalParent(key: "reported_by") var reportedBy: User?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(entityID: UUID, activityID: UUID, periodID: UUID) {
        self.$entity.id = entityID
        self.$activity.id = activityID
        self.$period.id = periodID
        noAplica = false
        reporte = ""
        evidencias = ""
    }
}

/// Elaborado / aprobado of a program's seguimiento.
final class ProgramSignature: Model, @unchecked Sendable {
    static let schema = "program_signatures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "program_id") var program: AnticorruptionProgram
    @Enum(key: "rol") var rol: SignatureRole
    @Field(key: "nombre") var nombre: String
    @Field(key: "cargo") var cargo: String

    init() {}

    init(entityID: UUID, programID: UUID, signature s: SignatureSnapshot) {
        self.$entity.id = entityID
        self.$program.id = programID
        rol = s.rol
        nombre = s.nombre
        cargo = s.cargo
    }
}

/// A program template (structure) of one entity, versioned: editing one saves a new version.
/// Each entity starts with its own copy of the shipped templates (PAAC – Guía V2, PTEP).
final class ProgramTemplateRecord: Model, @unchecked Sendable {
    static let schema = "entity_templates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Field(key: "name") var name: String
    @Field(key: "version") var version: Int
    /// The structure as JSON (`ProgramTemplate`).
    @Field(key: "structure") var structure: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(entityID: UUID, name: String, version: Int, template: ProgramTemplate) throws {
        self.$entity.id = entityID
        self.name = name
        self.version = version
        self.structure = String(decoding: try JSONEncoder().encode(template), as: UTF8.self)
    }

    var template: ProgramTemplate? { try? JSONDecoder().decode(ProgramTemplate.self, from: Data(structure.utf8)) }
}

extension ActivityFollowUp {
    /// The OCI has graded the activity for the period (VigiaCore's rule).
    var isGraded: Bool { ActivityFollowUpSnapshot(periodo: 0, porcentaje: porcentaje, noAplica: noAplica).isGraded }
}
