import Fluent
import Foundation
import SQLKit
import VigiaCore
import VigiaFormats

/// Mapas de riesgos de corrupción: one per entity and vigencia. Importing a published map creates
/// it; importing the OCI's seguimiento of a period adds that period's grades to the map of its
/// vigencia. Each change is audited and raises the map's and the entity's revisions in its transaction.
enum RiskMapStore {
    /// The methodologies by the names the command line and the forms take.
    static let methodologyNames: [String: RiskMethodology] = ["guia2015": .guia2015, "v5": .funcionPublicaV5, "v6": .funcionPublicaV6]

    /// The choices of the new-map form: (name the form sends, what it shows).
    static let methodologyChoices: [(value: String, label: String)] = [
        ("v6", RiskMethodology.funcionPublicaV6.nombre), ("v5", RiskMethodology.funcionPublicaV5.nombre), ("guia2015", RiskMethodology.guia2015.nombre),
    ]

    static func methodology(named text: String?) throws -> RiskMethodology? {
        guard let text, !text.trimmed.isEmpty else { return nil }
        guard let m = methodologyNames[text.trimmed.lowercased()] else {
            throw ValidationFailure("Metodología «\(text)» no reconocida: use \(methodologyNames.keys.sorted().joined(separator: ", ")).")
        }
        return m
    }

    static func importMap(_ source: ImportSource, methodology: RiskMethodology?, entity: Entity, by actor: Actor,
                          on db: Database) async throws -> (id: UUID, map: RiskMap, period: Int?) {
        try await importMap(try source.riskMap(methodology: methodology), entity: entity, by: actor, on: db)
    }

    /// A map read by `RiskMapImporter`: created, or its seguimiento added to the map of its vigencia, in one
    /// transaction; a map changed meanwhile by someone else is refused, never overwritten.
    static func importMap(_ result: RiskMapImport, entity: Entity, by actor: Actor,
                          on db: Database) async throws -> (id: UUID, map: RiskMap, period: Int?) {
        let entityID = try entity.requireID()
        return try await db.transaction { db in
            var map = result.map
            if map.entidad.isEmpty { map.entidad = entity.name }
            // An action whose responsable is a dependencia's name is reported by that dependencia's responsables.
            let dependencies = try await Dependency.query(on: db).filter(\.$entity.$id == entityID).filter(\.$active == true).all()
            map.assignDependencies(dependencies.compactMap { d in d.id.map { ($0, d.name) } })
            let existing = try await RiskMapRecord.query(on: db).filter(\.$entity.$id == entityID).filter(\.$vigencia == map.vigencia).first()
            let record: RiskMapRecord
            let summary: String
            if let existing {
                guard let period = result.periodo else {
                    throw ValidationFailure("Ya existe el mapa de riesgos de corrupción \(map.vigencia) de la entidad: importe su seguimiento (con la columna «% de avance» y el cuatrimestre en el título).")
                }
                let stored = try existing.map()
                do throws(RiskMapMismatch) { map = try stored.withFollowUps(from: map, period: period) } catch { throw ValidationFailure("El seguimiento no corresponde al mapa: \(error.message)") }
                let read = existing.revision
                try existing.set(map)
                record = existing
                summary = "Importó el seguimiento del periodo \(period) al mapa de riesgos de corrupción \(map.vigencia)"
                // Written only over the revision read: two imports at once never lose one of them.
                guard let sql = db as? SQLDatabase, try await sql.raw("""
                    UPDATE risk_maps SET document = \(bind: existing.document), revision = revision + 1 WHERE id = \(bind: try existing.requireID()) AND revision = \(bind: read) RETURNING id
                    """).first() != nil else {
                    throw ValidationFailure("El mapa de riesgos \(map.vigencia) cambió mientras se importaba este archivo: vuelva a importarlo.")
                }
            } else {
                record = try RiskMapRecord(entityID: entityID, map: map)
                record.revision = 1
                try await record.save(on: db)
                summary = "Importó el mapa de riesgos de corrupción \(map.vigencia) (\(map.riesgos.count) riesgos)"
                    + (result.periodo.map { " con el seguimiento del periodo \($0)" } ?? "")
            }
            try await EntityRevision.bump(entityID, on: db)
            try await AuditLog.record(summary + (actor.userID == nil ? " (línea de comandos)" : ""), by: actor, entityID: entityID,
                                      objectType: "mapa de riesgos", objectID: record.id, planID: nil, on: db)
            return (try record.requireID(), map, result.periodo)
        }
    }

    /// A merge of dependencias: the maps' actions of `from` pass to `to`, each map written with its
    /// revision raised (in the caller's transaction, before the entity's row: the lock order). The count of maps changed.
    static func replaceDependency(_ from: UUID, with to: UUID, entityID: UUID, on db: Database) async throws -> Int {
        var changed = 0
        for record in try await RiskMapRecord.query(on: db).filter(\.$entity.$id == entityID).all() {
            var map = try record.map()
            guard map.replaceDependency(from, with: to) else { continue }
            try record.set(map)
            record.revision += 1
            try await record.save(on: db)
            changed += 1
        }
        return changed
    }

    /// The map `id` with its figures for `period`, as JSON.
    static func reportJSON(_ record: RiskMapRecord, period: Int, method: RiskMapEvaluation.AggregationMethod) throws -> Data {
        let map = try record.map()
        guard map.periodos.contains(where: { $0.numero == period }) else {
            throw ValidationFailure("El mapa \(map.vigencia) no tiene el periodo \(period) (tiene \(map.periodos.map { String($0.numero) }.joined(separator: ", "))).")
        }
        return try PlanDocument.encoder.encode(RiskMapReport(map, period: period, method: method))
    }
}

extension VigiaTasks {
    /// `vigia import risk-map FILE`: a published map, or its seguimiento, for the entity `entityNIT` (or the only one).
    public static func importRiskMap(_ source: ImportSource, methodology: String?, entityNIT: String?, at now: Date,
                                     on db: Database) async throws -> (id: UUID, map: RiskMap, period: Int?) {
        let m = try RiskMapStore.methodology(named: methodology)
        // Read first: a file refused leaves no entity behind.
        let parsed = try source.riskMap(methodology: m)
        return try await db.transaction { db in
            let entity = try await entityFor(nit: entityNIT, header: FormatHeader(entidad: parsed.map.entidad.isEmpty ? "Entidad" : parsed.map.entidad), on: db)
            return try await RiskMapStore.importMap(parsed, entity: entity, by: .commandLine(at: now), on: db)
        }
    }

    /// `vigia export risk-map ID --period N --format json`.
    public static func exportRiskMapJSON(id: UUID, period: Int, method: String?, on db: Database) async throws -> Data {
        guard let record = try await RiskMapRecord.find(id, on: db) else { throw ValidationFailure("No existe el mapa de riesgos \(id).") }
        let m = try aggregation(method)
        return try await withZones(of: record.$entity.id, on: db) { try RiskMapStore.reportJSON(record, period: period, method: m) }
    }

    /// `vigia export risk-map ID --period N --format xlsx|pdf`: the document and its file name.
    public static func exportRiskMapReport(id: UUID, period: Int, format: ReportFormat, method: String? = nil, on db: Database) async throws -> (Data, String) {
        let m = try aggregation(method)
        guard let record = try await RiskMapRecord.find(id, on: db) else { throw ValidationFailure("No existe el mapa de riesgos \(id).") }
        let map = try record.map()
        guard map.periodos.contains(where: { $0.numero == period }) else { throw ValidationFailure("El mapa \(map.vigencia) no tiene el periodo \(period).") }
        let entity = try await Entity.find(record.$entity.id, on: db)
        return try await withZones(of: record.$entity.id, on: db) {
            let doc = RiskMapDocument.build(map, period: period, formato: entity?.format ?? FormatHeader(), method: m)
            return (try render(doc, as: format, logo: entity?.logoPNG), "\(doc.nombreArchivo).\(format.rawValue)")
        }
    }

    /// `--metodo`: promedio_riesgos (the default) or promedio_acciones.
    static func aggregation(_ text: String?) throws -> RiskMapEvaluation.AggregationMethod {
        guard let text, !text.isEmpty else { return .promedioRiesgos }
        guard let m = RiskMapEvaluation.AggregationMethod(rawValue: text) else {
            throw ValidationFailure("Método «\(text)» no reconocido: use promedio_riesgos o promedio_acciones.")
        }
        return m
    }
}
