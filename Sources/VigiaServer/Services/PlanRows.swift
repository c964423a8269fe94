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
        var reformula_a: UUID?
    }
    private struct LinkRow: Decodable { var action_id: UUID, name: String }
    private struct RoundRow: Decodable {
        var id: UUID, plan_id: UUID, numero: Int, fecha_corte: String?, fecha_seguimiento: String?, estado: String, es_cierre: Bool
    }
    private struct GradeRow: Decodable {
        var round_id: UUID, action_id: UUID, porcentaje: Double?, evidencias: String, observaciones: String, estado: String?, justificacion: String
    }
    private struct FindingGradeRow: Decodable { var round_id: UUID, finding_id: UUID, estado: String?, justificacion: String }
    /// A review, once per evidence file (`name` nil when it has none).
    private struct ReviewRow: Decodable {
        var id: UUID, finding_id: UUID, fecha: String, criterios: String, eficacia: String, efectividad: String, decision: String
        var observaciones: String, revisor: String, created_at: Date?, name: String?
    }
    private struct ReformulationRow: Decodable {
        var id: UUID, action_id: UUID, estado: String, fecha_propuesta: String, proponente: String, justificacion: String
        var descripcion: String, fecha_inicial: String?, fecha_final: String?, meta: String, meta_cantidad: Double?
        var indicador: String, responsable: String, fecha_decision: String?, aprobador: String?, motivo_decision: String?
        var acta: String?, successor_id: UUID?, created_at: Date?
    }

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
        let reviews = try await sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("v"))).column(SQLColumn("name", table: "e"))
            .from(SQLAlias(SQLIdentifier(FindingReview.schema), as: SQLIdentifier("v")))
            .join(SQLAlias(SQLIdentifier(ReportEvidence.schema), as: SQLIdentifier("e")), method: SQLJoinMethod.left,
                  on: SQLBinaryExpression(SQLBinaryExpression(SQLColumn("report_id", table: "e"), .equal, SQLColumn("id", table: "v")), .and,
                                          SQLBinaryExpression(SQLColumn("report_kind", table: "e"), .equal, SQLBind(ReportKind.effectivenessReview.rawValue))))
            .where(SQLColumn("plan_id", table: "v"), .in, SQLBind.group(ids)).all(decoding: ReviewRow.self)
        let reformulations = try await sql.select().column(SQLLiteral.all).from(ActionReformulation.schema)
            .where("plan_id", .in, ids).all(decoding: ReformulationRow.self)
        try assemble(findingRows, actionRows, links, roundRows, grades, findingGrades,
                     reviews: Self.reviews(reviews), reformulations: try Self.reformulations(reformulations))
    }

    /// The reviews per finding, oldest first, each with its evidence names.
    private static func reviews(_ rows: [ReviewRow]) -> [UUID: [FindingReviewSnapshot]] {
        var byID: [UUID: (finding: UUID, at: Date, review: FindingReviewSnapshot)] = [:]
        for r in rows {
            if byID[r.id] == nil, let fecha = LocalDate(iso: r.fecha), let eficacia = EficaciaVerdict(rawValue: r.eficacia),
               let efectividad = EfectividadVerdict(rawValue: r.efectividad), let decision = ReviewDecision(rawValue: r.decision) {
                byID[r.id] = (r.finding_id, r.created_at ?? .distantPast, FindingReviewSnapshot(id: r.id, fecha: fecha, criterios: r.criterios, eficacia: eficacia,
                                                                  efectividad: efectividad, decision: decision, observaciones: r.observaciones,
                                                                  revisor: r.revisor))
            }
            if let name = r.name { byID[r.id]?.review.evidencias.append(name) }
        }
        // By date, then in the order they were recorded.
        var out: [UUID: [FindingReviewSnapshot]] = [:]
        for v in byID.values.sorted(by: { ($0.review.fecha, $0.at) < ($1.review.fecha, $1.at) }) {
            var review = v.review
            review.evidencias.sort()
            out[v.finding, default: []].append(review)
        }
        return out
    }

    /// The reformulations per action, in the order they were proposed.
    private static func reformulations(_ rows: [ReformulationRow]) throws -> [UUID: [ReformulationSnapshot]] {
        let sorted = rows.sorted { ($0.created_at ?? .distantPast, $0.id.uuidString) < ($1.created_at ?? .distantPast, $1.id.uuidString) }
        var out: [UUID: [ReformulationSnapshot]] = [:]
        for r in sorted {
            guard let proposed = LocalDate(iso: r.fecha_propuesta) else { continue }
            out[r.action_id, default: []].append(ReformulationSnapshot(
                id: r.id, estado: try value(r.estado), fechaPropuesta: proposed, proponente: r.proponente, justificacion: r.justificacion,
                propuesta: ReformulationProposal(descripcion: r.descripcion, fechaInicial: r.fecha_inicial.flatMap(LocalDate.init(iso:)),
                                                 fechaFinal: r.fecha_final.flatMap(LocalDate.init(iso:)), meta: r.meta,
                                                 metaCantidad: r.meta_cantidad, indicador: r.indicador, responsable: r.responsable),
                fechaDecision: r.fecha_decision.flatMap(LocalDate.init(iso:)), aprobador: r.aprobador, motivoDecision: r.motivo_decision,
                acta: r.acta, sucesora: r.successor_id))
        }
        return out
    }

    /// The rows of a grade table (`round_id`) for the rounds of the plans `ids`.
    private static func gradeRows<T: Decodable>(_ table: String, of ids: [UUID], _ sql: SQLDatabase, as: T.Type) async throws -> [T] {
        try await sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("g")))
            .from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("g")))
            .join(SQLAlias(SQLIdentifier(FollowUpRound.schema), as: SQLIdentifier("r")), on: SQLColumn("round_id", table: "g"), .equal, SQLColumn("id", table: "r"))
            .where(SQLColumn("plan_id", table: "r"), .in, SQLBind.group(ids)).all(decoding: T.self)
    }

    private mutating func assemble(_ findingRows: [FindingRow], _ actionRows: [ActionRow], _ links: [LinkRow], _ roundRows: [RoundRow],
                                   _ grades: [GradeRow], _ findingGrades: [FindingGradeRow],
                                   reviews: [UUID: [FindingReviewSnapshot]], reformulations: [UUID: [ReformulationSnapshot]]) throws {
        let names = Dictionary(grouping: links, by: \.action_id).mapValues { $0.map(\.name).sorted() }
        let actionsBy = Dictionary(grouping: actionRows, by: \.finding_id)
        var actionPlace: [UUID: ActionRef] = [:], findingPlace: [UUID: (plan: UUID, index: Int)] = [:]
        for (plan, rows) in Dictionary(grouping: findingRows, by: \.plan_id) {
            findings[plan] = try rows.sorted { $0.numero < $1.numero }.enumerated().map { fi, f in
                findingPlace[f.id] = (plan, fi)
                let actions = (actionsBy[f.id] ?? []).sorted { $0.position < $1.position }
                for (ai, a) in actions.enumerated() { actionPlace[a.id] = ActionRef(hallazgo: fi, accion: ai) }
                return FindingSnapshot(id: f.id, numero: f.numero, descripcion: f.descripcion, causa: f.causa, efecto: f.efecto,
                                       criterio: f.criterio, codigo: f.codigo.isEmpty ? nil : f.codigo,
                                       acciones: try actions.map { try Self.action($0, dependencias: names[$0.id] ?? [], reformulations[$0.id]) },
                                       revisiones: reviews[f.id])
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

    private static func action(_ a: ActionRow, dependencias: [String], _ reformulations: [ReformulationSnapshot]?) throws -> ActionSnapshot {
        ActionSnapshot(id: a.id, descripcion: a.descripcion, tipo: try value(a.tipo), responsable: a.responsable, dependencias: dependencias,
                       fechaInicial: a.fecha_inicial.flatMap(LocalDate.init(iso:)), fechaFinal: a.fecha_final.flatMap(LocalDate.init(iso:)),
                       meta: a.meta, metaCantidad: a.meta_cantidad, metaUnidad: a.meta_unidad, indicador: a.indicador,
                       objetivo: a.objetivo.isEmpty ? nil : a.objetivo, reformulaciones: reformulations, reformulaA: a.reformula_a)
    }

    /// A stored enum value; one the code does not know is a damaged row, as Fluent would report it.
    private static func value<T: RawRepresentable>(_ text: String) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: text) else { throw Abort(.internalServerError, reason: "Valor almacenado desconocido «\(text)».") }
        return v
    }
}
