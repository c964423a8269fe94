import Fluent
import Foundation
import SQLKit
import Vapor
import VigiaCore

/// The rows of whole plans — findings, actions with their dependencias, rounds, grades and
/// finding grades — read with SQLKit into plain structs: a snapshot has thousands of rows, and
/// building a Fluent model for each (by reflection) was most of the cost of reading one. A few
/// statements per 500 plans, whatever their size.
struct PlanRows {
    var findings: [UUID: [FindingSnapshot]] = [:]
    var rounds: [UUID: [RoundSnapshot]] = [:]

    private struct FindingRow: Decodable {
        var id: UUID, plan_id: UUID, numero: Int, descripcion: String, causa: String, efecto: String, criterio: String, codigo: String
    }
    private struct ActionRow: Decodable {
        var id: UUID, finding_id: UUID, position: Int, descripcion: String, tipo: String, responsable: String
        var fecha_inicial: String?, fecha_final: String?, meta: String, meta_cantidad: Double?, meta_unidad: String?, indicador: String, objetivo: String
    }
    private struct LinkRow: Decodable { var action_id: UUID, name: String }
    private struct RoundRow: Decodable {
        var id: UUID, plan_id: UUID, numero: Int, fecha_corte: String?, fecha_seguimiento: String?, estado: String, es_cierre: Bool
    }
    private struct GradeRow: Decodable {
        var round_id: UUID, action_id: UUID, porcentaje: Double?, evidencias: String, observaciones: String, estado: String?, justificacion: String
    }
    private struct FindingGradeRow: Decodable { var round_id: UUID, finding_id: UUID, estado: String?, justificacion: String }

    /// Reads the plans `ids`.
    static func read(_ ids: [UUID], on db: Database) async throws -> PlanRows {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        var out = PlanRows()
        for start in stride(from: 0, to: ids.count, by: 500) {
            try await out.read(Array(ids[start..<min(ids.count, start + 500)]), sql)
        }
        return out
    }

    private mutating func read(_ ids: [UUID], _ sql: SQLDatabase) async throws {
        let f = SQLIdentifier("f")
        let findingRows = try await sql.select().column(SQLLiteral.all).from(Finding.schema)
            .where("plan_id", .in, ids).orderBy("numero").all(decoding: FindingRow.self)
        let actionRows = try await sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("a")))
            .from(SQLAlias(SQLIdentifier(Action.schema), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier(Finding.schema), as: f), on: SQLColumn("finding_id", table: "a"), .equal, SQLColumn("id", table: "f"))
            .where(SQLColumn("plan_id", table: "f"), .in, SQLBind.group(ids)).all(decoding: ActionRow.self)
        let links = try await sql.select().column(SQLColumn("action_id", table: "ad")).column(SQLColumn("name", table: "d"))
            .from(SQLAlias(SQLIdentifier(ActionDependency.schema), as: SQLIdentifier("ad")))
            .join(SQLAlias(SQLIdentifier(Dependency.schema), as: SQLIdentifier("d")), on: SQLColumn("dependency_id", table: "ad"), .equal, SQLColumn("id", table: "d"))
            .join(SQLAlias(SQLIdentifier(Action.schema), as: SQLIdentifier("a")), on: SQLColumn("action_id", table: "ad"), .equal, SQLColumn("id", table: "a"))
            .join(SQLAlias(SQLIdentifier(Finding.schema), as: f), on: SQLColumn("finding_id", table: "a"), .equal, SQLColumn("id", table: "f"))
            .where(SQLColumn("plan_id", table: "f"), .in, SQLBind.group(ids)).all(decoding: LinkRow.self)
        let roundRows = try await sql.select().column(SQLLiteral.all).from(FollowUpRound.schema)
            .where("plan_id", .in, ids).orderBy("numero").all(decoding: RoundRow.self)
        let grades = try await Self.gradeRows(ActionGrade.schema, of: ids, sql, as: GradeRow.self)
        let findingGrades = try await Self.gradeRows(FindingGrade.schema, of: ids, sql, as: FindingGradeRow.self)
        try assemble(findingRows, actionRows, links, roundRows, grades, findingGrades)
    }

    /// The rows of a grade table (`round_id`) for the rounds of the plans `ids`.
    private static func gradeRows<T: Decodable>(_ table: String, of ids: [UUID], _ sql: SQLDatabase, as: T.Type) async throws -> [T] {
        try await sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("g")))
            .from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("g")))
            .join(SQLAlias(SQLIdentifier(FollowUpRound.schema), as: SQLIdentifier("r")), on: SQLColumn("round_id", table: "g"), .equal, SQLColumn("id", table: "r"))
            .where(SQLColumn("plan_id", table: "r"), .in, SQLBind.group(ids)).all(decoding: T.self)
    }

    private mutating func assemble(_ findingRows: [FindingRow], _ actionRows: [ActionRow], _ links: [LinkRow], _ roundRows: [RoundRow],
                                   _ grades: [GradeRow], _ findingGrades: [FindingGradeRow]) throws {
        let names = Dictionary(grouping: links, by: \.action_id).mapValues { $0.map(\.name).sorted() }
        let actionsBy = Dictionary(grouping: actionRows, by: \.finding_id)
        var actionPlace: [UUID: ActionRef] = [:], findingPlace: [UUID: (plan: UUID, index: Int)] = [:]
        for (plan, rows) in Dictionary(grouping: findingRows, by: \.plan_id) {
            findings[plan] = try rows.sorted { $0.numero < $1.numero }.enumerated().map { fi, f in
                findingPlace[f.id] = (plan, fi)
                let actions = (actionsBy[f.id] ?? []).sorted { $0.position < $1.position }
                for (ai, a) in actions.enumerated() { actionPlace[a.id] = ActionRef(hallazgo: fi, accion: ai) }
                return FindingSnapshot(id: f.id, numero: f.numero, descripcion: f.descripcion, causa: f.causa, efecto: f.efecto,
                                       criterio: f.criterio, codigo: f.codigo.isEmpty ? nil : f.codigo, acciones: try actions.map { try Self.action($0, dependencias: names[$0.id] ?? []) })
            }
        }
        let gradesBy = Dictionary(grouping: grades, by: \.round_id), findingGradesBy = Dictionary(grouping: findingGrades, by: \.round_id)
        for (plan, rows) in Dictionary(grouping: roundRows, by: \.plan_id) {
            rounds[plan] = try rows.sorted { $0.numero < $1.numero }.map { r in
                RoundSnapshot(
                    id: r.id, numero: r.numero, fechaCorte: r.fecha_corte.flatMap(LocalDate.init(iso:)),
                    fechaSeguimiento: r.fecha_seguimiento.flatMap(LocalDate.init(iso:)), estado: try Self.value(r.estado),
                    esCierre: r.es_cierre,
                    calificaciones: try (gradesBy[r.id] ?? []).compactMap { g in
                        try actionPlace[g.action_id].map {
                            GradeSnapshot(accion: $0, porcentaje: g.porcentaje, evidencias: g.evidencias, observaciones: g.observaciones,
                                          estado: try g.estado.map { try Self.value($0) }, justificacion: g.justificacion)
                        }
                    }.sorted { ($0.accion.hallazgo, $0.accion.accion) < ($1.accion.hallazgo, $1.accion.accion) },
                    hallazgos: try (findingGradesBy[r.id] ?? []).compactMap { g in
                        try findingPlace[g.finding_id].map {
                            FindingGradeSnapshot(hallazgo: $0.index, estado: try g.estado.map { try Self.value($0) }, justificacion: g.justificacion)
                        }
                    }.sorted { $0.hallazgo < $1.hallazgo })
            }
        }
    }

    private static func action(_ a: ActionRow, dependencias: [String]) throws -> ActionSnapshot {
        ActionSnapshot(id: a.id, descripcion: a.descripcion, tipo: try value(a.tipo), responsable: a.responsable, dependencias: dependencias,
                       fechaInicial: a.fecha_inicial.flatMap(LocalDate.init(iso:)), fechaFinal: a.fecha_final.flatMap(LocalDate.init(iso:)),
                       meta: a.meta, metaCantidad: a.meta_cantidad, metaUnidad: a.meta_unidad, indicador: a.indicador,
                       objetivo: a.objetivo.isEmpty ? nil : a.objetivo)
    }

    /// A stored enum value; one the code does not know is a damaged row, as Fluent would report it.
    private static func value<T: RawRepresentable>(_ text: String) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: text) else { throw Abort(.internalServerError, reason: "Valor almacenado desconocido «\(text)».") }
        return v
    }
}
