import Fluent
import Foundation
import Vapor
import VigiaCore

/// The demonstration data `make run` loads into an empty database.
public enum Demo {
    public struct Credential: Sendable {
        public let email: String
        public let password: String
        public let role: Role
    }

    public static func isEmpty(_ db: Database) async throws -> Bool {
        try await Entity.query(on: db).filter(\.$install == false).count() == 0
    }

    /// A fictional alcaldía with its dependencias, one user per role and the sample plan.
    /// `now` dates the audit trail; the open follow-up is cut at the end of next month from it.
    public static func load(samplePlan: URL, at now: Date, on db: Database) async throws -> [Credential] {
        let text = try String(contentsOf: samplePlan, encoding: .utf8)
        let header = try VigiaFormatsBridge.header(of: text)
        let entity = Entity(name: "Alcaldía de San Isidro del Valle", nit: "890.000.001-1", format: header)
        try await entity.create(on: db)
        let entityID = try entity.requireID()
        for name in ["Secretaría de Hacienda", "Tesorería", "Subsecretaría de Rentas", "Oficina Jurídica",
                     "Secretaría de Planeación", "Oficina de Control Interno", "Secretaría General"] {
            try await Dependency(entityID: entityID, name: name).create(on: db)
        }
        let people: [(String, String, Role, String, String?)] = [
            ("admin@vigia.local", "Administrador del sistema", .administrador, "Profesional de sistemas", nil),
            ("oci@vigia.local", "Carlos Andrés Muñoz", .oci, "Jefe Oficina de Control Interno", "Oficina de Control Interno"),
            ("hacienda@vigia.local", "María Fernanda Rosero", .responsable, "Secretaria de Hacienda", "Secretaría de Hacienda"),
            ("consulta@vigia.local", "Comité de Control Interno", .consulta, "Consulta", nil),
        ]
        var credentials: [Credential] = []
        for (email, name, role, cargo, dep) in people {
            let pass = try await VigiaTasks.createUser(email: email, name: name, role: role, cargo: cargo, password: nil,
                                                       dependency: dep, entityNIT: entity.nit, at: now, on: db)
            credentials.append(Credential(email: email, password: pass, role: role))
        }
        _ = try await VigiaTasks.importPlan(text: text, entityNIT: entity.nit, unidad: nil,
                                           dependency: "Secretaría de Hacienda", at: now, on: db)
        if let plan = try await ImprovementPlan.query(on: db).filter(\.$entity.$id == entityID).first() {
            plan.estado = .suscrito
            plan.origen = .auditoriaInterna
            try await plan.save(on: db)
            // Follow-up 1 open (draft), cut at the end of next month: the responsable can report
            // progress into it and the OCI grade it.
            let today = LocalDate.today(now: now)
            let next = LocalDate(year: today.year, month: today.month, day: 1)!.adding(months: 2).adding(days: -1)
            try await FollowUpRound(entityID: entityID, planID: try plan.requireID(), numero: 1, fechaCorte: next,
                                    fechaSeguimiento: nil).create(on: db)
            try await PlanRevision.bump(try plan.requireID(), on: db)   // written past the services: raise it as a change does
        }
        // The 2026 anti-corruption program with its first two cuatrimestres followed up.
        let folder = samplePlan.deletingLastPathComponent()
        for name in ["seguimiento-paac-demo-2026-c1.txt", "seguimiento-paac-demo-2026-c2.txt"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            _ = try await VigiaTasks.importProgram(text: text, entityNIT: entity.nit, at: now, on: db)
        }
        // The 2026 corruption risk map, with the OCI's seguimiento of its first two cuatrimestres.
        for name in ["mapa-riesgos-corrupcion-demo-2026.tsv", "seguimiento-mapa-riesgos-demo-2026-c1.tsv", "seguimiento-mapa-riesgos-demo-2026-c2.tsv"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            _ = try await RiskMapStore.importMap(.text(text), methodology: nil, entity: entity, by: .commandLine(at: now), on: db)
        }
        try await demoRiskMapLinks(entityID: entityID, now: now, on: db)
        return credentials
    }
}

extension Demo {
    /// The map at work: its first action carries out the program's first activity of component 1, and
    /// Hacienda has reported the monitoreo of its action in the current cuatrimestre, with a link.
    static func demoRiskMapLinks(entityID: UUID, now: Date, on db: Database) async throws {
        guard let record = try await RiskMapRecord.query(on: db).filter(\.$entity.$id == entityID).first(), let id = record.id else { return }
        var map = try record.map()
        if let activity = try await RiskMapService.componentOneActivities(entityID: entityID, vigencia: map.vigencia, on: db).first,
           !map.riesgos.isEmpty, !map.riesgos[0].acciones.isEmpty {
            map.riesgos[0].acciones[0].plan.actividadPrograma = activity.id
            try record.set(map)
            record.revision += 1   // written past the service: raised as a change raises it
            try await record.save(on: db)
        }
        let today = LocalDate.today(now: now)
        guard let period = map.periodos.first(where: { p in map.reportingWindow(period: p.numero)?.contains(today) == true }),
              let hacienda = try await Dependency.query(on: db).filter(\.$entity.$id == entityID).filter(\.$name == "Secretaría de Hacienda").first()?.id,
              let mine = map.actions(of: hacienda).first,
              let user = try await User.query(on: db).filter(\.$email == "hacienda@vigia.local").first() else { return }
        let report = ProgressReport(entityID: entityID, riskMapID: id, numero: mine.risk.numero, accion: mine.position, periodo: period.numero)
        report.porcentaje = 80
        report.descripcion = "Perfiles de modificación restringidos en el sistema tributario; falta el módulo de industria y comercio."
        report.enlaces = "https://intranet.sanisidro.gov.co/hacienda/perfiles-2026"
        report.$reportedBy.id = user.id
        try await report.create(on: db)
    }
}

import VigiaFormats

enum VigiaFormatsBridge {
    static func header(of text: String) throws -> FormatHeader {
        try PlanImporter.importPlan(text: text).plan.formato
    }
}
