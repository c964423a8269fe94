import Fluent
import Foundation
import Vapor
import VigiaCore

/// An entity's own risk methodologies: a copy of one of Vigía's (or of its own), edited as an
/// outline or imported as JSON, each save a new version. The roles that formulate maps manage them;
/// a map keeps, inside its document, the version it was made with.
enum RiskMethodologyService {
    struct Choice: Sendable {
        /// What the forms send: «v6», «guia2015», or «entidad-<key>».
        var value: String
        var label: String
        var methodology: RiskMethodology
    }

    static let entityPrefix = "entidad-"

    /// The latest version of each of the entity's copies, newest first.
    static func latest(entityID: UUID, on db: Database) async throws -> [(key: String, record: RiskMethodologyRecord, methodology: RiskMethodology)] {
        var seen: Set<String> = []
        var out: [(String, RiskMethodologyRecord, RiskMethodology)] = []
        for r in try await RiskMethodologyRecord.query(on: db).filter(\.$entity.$id == entityID).sort(\.$version, .descending).all()
        where !seen.contains(r.key) {
            seen.insert(r.key)
            if let m = try? r.methodology() { out.append((r.key, r, m)) }
        }
        return out.sorted { $0.2.nombre < $1.2.nombre }
    }

    /// Vigía's methodologies and the entity's, as the new-map form offers them.
    static func choices(entityID: UUID, on db: Database) async throws -> [Choice] {
        let builtIn = RiskMapStore.methodologyChoices.compactMap { c in RiskMapStore.methodologyNames[c.value].map { Choice(value: c.value, label: c.label, methodology: $0) } }
        let own = try await latest(entityID: entityID, on: db).map {
            Choice(value: entityPrefix + $0.key, label: "\($0.methodology.nombre) (de la entidad, versión \($0.methodology.version))", methodology: $0.methodology)
        }
        return own + builtIn
    }

    /// The methodology a form named, or nil.
    static func resolve(_ value: String, entityID: UUID, on db: Database) async throws -> RiskMethodology? {
        try await choices(entityID: entityID, on: db).first { $0.value == value.trimmed }?.methodology
    }

    /// The newest version of copy `key` of the entity (404 for another entity's).
    static func find(_ key: String, entityID: UUID, on db: Database) async throws -> (RiskMethodologyRecord, RiskMethodology) {
        guard let r = try await RiskMethodologyRecord.query(on: db).filter(\.$entity.$id == entityID).filter(\.$key == key)
            .sort(\.$version, .descending).first(), let m = try? r.methodology() else {
            throw Abort(.notFound, reason: "La metodología no existe o usted no tiene acceso a ella.")
        }
        return (r, m)
    }

    /// Adds `m` as version 1 of a new copy (a copy of another, or an imported file).
    static func create(_ m: RiskMethodology, summary: String, ctx: UseCaseContext) async throws -> String {
        try RiskMapService.requireFormulation(ctx.user)
        try InvalidInput.check(m.problems())
        var first = m
        first.version = 1
        let key = UUID().uuidString.lowercased()
        let record = try RiskMethodologyRecord(entityID: ctx.entityID, key: key, methodology: first)
        try await ctx.db.transaction { db in
            try await record.create(on: db)
            try await AuditLog.record(summary + ctx.auditSuffix, by: ctx.actor, entityID: ctx.entityID, objectType: "metodología de riesgos",
                                      objectID: record.id, planID: nil, on: db)
        }
        return key
    }

    /// Saves the outline of copy `key` as its next version; the maps made with earlier versions keep theirs.
    /// `seen`: the version the form showed; a newer one saved meanwhile is refused (409), never replaced.
    static func save(_ key: String, outline: RiskMethodologyOutline, seen: Int?, ctx: UseCaseContext) async throws -> RiskMethodology {
        try RiskMapService.requireFormulation(ctx.user)
        let (record, current) = try await find(key, entityID: ctx.entityID, on: ctx.db)
        let conflict = Abort(.conflict, reason: "Otra persona guardó una versión más nueva de esta metodología: vuelva a abrirla y repita el cambio.")
        if let seen, seen != record.version { throw conflict }
        let next: RiskMethodology
        do throws(RiskMapEditError) { next = try outline.methodology(base: current, version: record.version + 1) } catch { throw InvalidInput(error.problems) }
        let saved = try RiskMethodologyRecord(entityID: ctx.entityID, key: key, methodology: next)
        do {
            try await ctx.db.transaction { db in
                try await saved.create(on: db)   // unique (entity, key, version): two saves of one version cannot both land
                try await AuditLog.record("Guardó la versión \(next.version) de la metodología de riesgos «\(next.nombre)»" + ctx.auditSuffix, by: ctx.actor,
                                          entityID: ctx.entityID, objectType: "metodología de riesgos", objectID: saved.id, planID: nil,
                                          changes: [FieldChange(field: "metodología", old: String(decoding: try PlanDocument.encoder.encode(current), as: UTF8.self),
                                                                new: String(decoding: try PlanDocument.encoder.encode(next), as: UTF8.self))], on: db)
            }
        } catch where RiskMapService.isDuplicate(error) {
            throw conflict
        }
        return next
    }

    /// A methodology file (`vigia` exports it; the entity may write its own): read, or refused in Spanish.
    static func decode(_ text: String) throws -> RiskMethodology {
        do {
            return try JSONDecoder().decode(RiskMethodology.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw InvalidInput(field: "json", "JSON: falta el campo «\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))».")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw InvalidInput(field: "json", "JSON: el campo «\(context.codingPath.map(\.stringValue).joined(separator: "."))» no tiene el tipo esperado.")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw InvalidInput(field: "json", "JSON: el campo «\(context.codingPath.map(\.stringValue).joined(separator: "."))» no es válido.")
        } catch {
            throw InvalidInput(field: "json", "JSON: el texto no es un documento JSON de metodología (exporte una para ver su forma).")
        }
    }
}
