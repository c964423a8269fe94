import Fluent
import Vapor
import VigiaCore

/// Acción correctiva, preventiva o de mejora: what the dependency commits to.
final class Action: Model, @unchecked Sendable {
    static let schema = "actions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "finding_id") var finding: Finding
    @Field(key: "position") var position: Int
    @Field(key: "descripcion") var descripcion: String
    @Enum(key: "tipo") var tipo: ActionType
    @Field(key: "responsable") var responsable: String
    @OptionalField(key: "fecha_inicial") var fechaInicial: LocalDate?
    @OptionalField(key: "fecha_final") var fechaFinal: LocalDate?
    @Field(key: "meta") var meta: String
    @OptionalField(key: "meta_cantidad") var metaCantidad: Double?
    @OptionalField(key: "meta_unidad") var metaUnidad: String?
    @Field(key: "indicador") var indicador: String
    /// What the action seeks (SIRECI's F14.1); empty when not given.
    @Field(key: "objetivo") var objetivo: String
    /// The action this one replaced through an approved reformulation (nil for the others).
    @OptionalField(key: "reformula_a") var reformulaA: UUID?

    @Siblings(through: ActionDependency.self, from: \.$action, to: \.$dependency) var dependencies: [Dependency]

    init() {}

    init(id: UUID? = nil, entityID: UUID, findingID: UUID, position: Int, snapshot a: ActionSnapshot) {
        self.id = id
        self.$entity.id = entityID
        self.$finding.id = findingID
        self.position = position
        self.apply(a)
    }

    /// The action as the domain sees it (dependencias loaded with `.with(\.$dependencies)`).
    var snapshot: ActionSnapshot {
        ActionSnapshot(id: id, descripcion: descripcion, tipo: tipo, responsable: responsable,
                       dependencias: $dependencies.value?.map(\.name).sorted() ?? [], fechaInicial: fechaInicial,
                       fechaFinal: fechaFinal, meta: meta, metaCantidad: metaCantidad, metaUnidad: metaUnidad, indicador: indicador,
                       objetivo: objetivo.isEmpty ? nil : objetivo, reformulaA: reformulaA)
    }

    func apply(_ a: ActionSnapshot) {
        descripcion = a.descripcion
        tipo = a.tipo
        responsable = a.responsable
        fechaInicial = a.fechaInicial
        fechaFinal = a.fechaFinal
        meta = a.meta
        metaCantidad = a.metaCantidad
        metaUnidad = a.metaUnidad
        indicador = a.indicador
        objetivo = (a.objetivo ?? "").trimmed
        // `reformulaA` is never taken from input: only an approved reformulation sets it.
    }
}
