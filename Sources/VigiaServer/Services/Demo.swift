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

    /// A fictional alcaldía with its dependencias, one user per role, the sample plan with three
    /// follow-ups, the anti-corruption program and the corruption risk map, all dated from `now`
    /// (`DemoStory`), so that whatever the day the first screen shows every feature at work.
    public static func load(samplePlan: URL, at now: Date, on db: Database) async throws -> [Credential] {
        let story = DemoStory(today: LocalDate.today(now: now))
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
        let users = try await User.query(on: db).filter(\.$entity.$id == entityID).all()
        func acting(_ email: String, on day: LocalDate) throws -> CurrentUser {
            guard let user = users.first(where: { $0.email == email }) else { throw ValidationFailure("Falta el usuario \(email).") }
            return try CurrentUser(user, at: day < story.today ? DemoStory.morning(day) : now)
        }

        let planID = try await loadPlan(text: DemoStory.moving(text, to: story.suscripcion.year), story: story, entity: entity, at: now, on: db)
        if let plan = try await ImprovementPlan.find(planID, on: db) {
            // Follow-ups 1 and 2 published by the OCI the day after their follow-up date.
            for round in story.rounds {
                guard let day = round.publicado else { continue }
                let snap = try await PlanStore.snapshot(of: plan, on: db)
                let doc = PlanReport.build(snap, round: round.numero)
                _ = try await Publishing.publish(doc, kind: .plan, planID: planID, programID: nil, numero: round.numero, year: round.corte.year,
                                                 deadline: nil, note: "",
                                                 title: Publishing.planTitle(doc, of: snap, round: round.numero),
                                                 user: try acting("oci@vigia.local", on: day), on: db)
            }
            try await waitingWork(plan: plan, story: story, responsable: try acting("hacienda@vigia.local", on: story.today), on: db)
        }

        // The program of the story's vigencia: each cuatrimestre already cut off is graded, and
        // published once its deadline is past (the first on time, the second late).
        let folder = samplePlan.deletingLastPathComponent()
        let periods = PeriodSnapshot.cuatrimestres(story.vigencia)
        for (k, name) in ["seguimiento-paac-demo-2026-c1.txt", "seguimiento-paac-demo-2026-c2.txt"].enumerated()
        where k < periods.count && story.cuatrimestre(periods[k], late: false).graded {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            _ = try await VigiaTasks.importProgram(text: DemoStory.moving(text, to: story.vigencia), entityNIT: entity.nit, at: now, on: db)
        }
        if let program = try await AnticorruptionProgram.query(on: db).filter(\.$entity.$id == entityID).first() {
            for period in try await FollowUpPeriod.query(on: db).filter(\.$program.$id == program.requireID()).sort(\.$numero).all() {
                let snapshot = PeriodSnapshot(numero: period.numero, nombre: period.nombre, fechaCorte: period.fechaCorte,
                                              fechaLimitePublicacion: period.fechaLimite)
                // Only the cuatrimestres the sample files grade (1 and 2) are ever published.
                guard period.numero <= 2, let day = story.cuatrimestre(snapshot, late: period.numero == 2).published else { continue }
                let snap = try await ProgramStore.snapshot(of: program, on: db)
                period.estado = .publicado
                try await period.save(on: db)
                _ = try await Publishing.publish(ProgramReport.build(snap, period: period.numero, method: program.metodo), kind: .program,
                                                 planID: nil, programID: try program.requireID(), numero: period.numero, year: program.vigencia,
                                                 deadline: period.fechaLimite, note: "", user: try acting("oci@vigia.local", on: day), on: db)
            }
        }

        // The corruption risk map of the same vigencia, with the OCI's seguimiento of each
        // cuatrimestre already cut off, published on time once its deadline is past.
        let mapText = try String(contentsOf: folder.appendingPathComponent("mapa-riesgos-corrupcion-demo-2026.tsv"), encoding: .utf8)
        _ = try await RiskMapStore.importMap(.text(DemoStory.moving(mapText, to: story.vigencia)), methodology: nil, entity: entity,
                                             by: .commandLine(at: now), on: db)
        for (k, name) in ["seguimiento-mapa-riesgos-demo-2026-c1.tsv", "seguimiento-mapa-riesgos-demo-2026-c2.tsv"].enumerated()
        where k < periods.count && story.cuatrimestre(periods[k], late: false).graded {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            _ = try await RiskMapStore.importMap(.text(DemoStory.moving(text, to: story.vigencia)), methodology: nil, entity: entity,
                                                 by: .commandLine(at: now), on: db)
        }
        if let record = try await RiskMapRecord.query(on: db).filter(\.$entity.$id == entityID).first() {
            let map = try record.map()
            for period in map.periodos where period.numero <= 2 {
                guard let day = story.cuatrimestre(period, late: false).published else { continue }
                _ = try await Publishing.publish(RiskMapDocument.build(map, period: period.numero, formato: entity.format), kind: .riskMap,
                                                 planID: nil, programID: nil, riskMapID: try record.requireID(), numero: period.numero,
                                                 year: map.vigencia, deadline: period.fechaLimitePublicacion, note: "",
                                                 user: try acting("oci@vigia.local", on: day), on: db)
            }
        }
        try await demoRiskMapLinks(entityID: entityID, now: now, on: db)
        return credentials
    }

    /// The sample plan, suscrito, with the story's dates and the OCI's grades of follow-ups 1
    /// and 2; follow-up 3 open (a draft) until the end of next month.
    static func loadPlan(text: String, story: DemoStory, entity: Entity, at now: Date, on db: Database) async throws -> UUID {
        var plan = try ImportSource.text(text).plan().plan
        plan.estado = .suscrito
        plan.origen = .auditoriaInterna
        plan.fechaSuscripcion = story.suscripcion
        plan.periodoAuditoria = "01/01/\(story.suscripcion.year - 1) a 31/12/\(story.suscripcion.year - 1)"
        for k in plan.controlDeCambios.indices { plan.controlDeCambios[k].fechaAprobacion = story.suscripcion }
        let stories = story.actions
        for (f, finding) in plan.hallazgos.enumerated() where f < stories.count {
            for (a, _) in finding.acciones.enumerated() where a < stories[f].count {
                plan.hallazgos[f].acciones[a].fechaInicial = stories[f][a].inicio
                plan.hallazgos[f].acciones[a].fechaFinal = stories[f][a].fin
            }
        }
        plan.seguimientos = story.rounds.map { round in
            var grades: [GradeSnapshot] = []
            let k = round.numero - 1
            for (f, actions) in stories.enumerated() where f < plan.hallazgos.count {
                for (a, action) in actions.enumerated() where a < plan.hallazgos[f].acciones.count && k < action.avance.count {
                    guard let pct = action.avance[k] else { continue }
                    grades.append(GradeSnapshot(accion: ActionRef(hallazgo: f, accion: a), porcentaje: pct,
                                                evidencias: pct > 0 ? "Soportes en la carpeta compartida de la OCI" : "",
                                                observaciones: action.observaciones[k]))
                }
            }
            return RoundSnapshot(numero: round.numero, fechaCorte: round.corte, fechaSeguimiento: round.seguimiento,
                                 estado: round.publicado == nil ? .borrador : .publicado, calificaciones: grades)
        }
        let entityID = try entity.requireID()
        let snapshot = plan
        return try await db.transaction { db in
            let created = try await PlanStore.create(snapshot, entityID: entityID, by: .commandLine(at: now),
                                                     summary: "Importó el plan de demostración (línea de comandos)", on: db)
            created.$dependency.id = try await PlanStore.dependencyNamed("Secretaría de Hacienda", entityID: entityID, on: db)?.id
            try await created.save(on: db)
            return try created.requireID()
        }
    }

    /// What waits for the OCI in the open follow-up: the responsable's autoreportes, and a
    /// proposal to reformulate an overdue action.
    static func waitingWork(plan: ImprovementPlan, story: DemoStory, responsable: CurrentUser, on db: Database) async throws {
        let planID = try plan.requireID()
        guard let round = try await FollowUpRound.query(on: db).filter(\.$plan.$id == planID).filter(\.$estado == .borrador).first() else { return }
        let findings = try await Finding.query(on: db).filter(\.$plan.$id == planID).sort(\.$numero).with(\.$actions).all()
        for (f, actions) in story.actions.enumerated() where f < findings.count {
            let stored = findings[f].actions.sorted { $0.position < $1.position }
            for (a, action) in actions.enumerated() where a < stored.count {
                guard let report = action.autoreporte else { continue }
                let r = ProgressReport(entityID: responsable.entityID, actionID: try stored[a].requireID(), roundID: try round.requireID())
                r.porcentaje = report.porcentaje
                r.descripcion = report.descripcion
                r.enlaces = report.enlace
                r.$reportedBy.id = responsable.id
                try await r.create(on: db)
            }
        }
        try await PlanRevision.bump(planID, on: db)   // written past the services: raise it as a change does
        // Hacienda asks for more time for action 4.1, overdue since the end of its month.
        let snap = try await PlanStore.snapshot(of: plan, on: db)
        if snap.hallazgos.count > 3, let findingID = snap.hallazgos[3].id, let action = snap.hallazgos[3].acciones.first, let actionID = action.id {
            var input = ReformulationInput(keeping: action)
            input.fechaFinal = story.endOfMonth(1).dayFirst   // within the plan's twelve months
            input.justificacion = "Los expedientes activos resultaron el doble de los inventariados en la auditoría; se pide ampliar el plazo."
            try await ClosingService.propose(input, plan: plan, findingID: findingID, actionID: actionID,
                                             in: UseCaseContext(user: responsable, db: db, channel: .web))
        }
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
        guard let hacienda = try await Dependency.query(on: db).filter(\.$entity.$id == entityID).filter(\.$name == "Secretaría de Hacienda").first()?.id,
              let mine = map.actions(of: hacienda).first,
              let user = try await User.query(on: db).filter(\.$email == "hacienda@vigia.local").first() else { return }
        // The latest period whose window is open today and still takes the monitoreo (windows overlap
        // for a fortnight after each cut-off: the earlier period may be graded or published already).
        var open: PeriodSnapshot?
        for p in map.periodos.reversed() {
            let published = try await ReportLock.riskMapPublished(id, period: p.numero, on: db)
            if ReportLock.riskMonitoring(map, period: p.numero, numero: mine.risk.numero, accion: mine.position, published: published)
                .refusal(on: today) == nil { open = p; break }
        }
        guard let period = open else { return }
        let report = ProgressReport(entityID: entityID, riskMapID: id, numero: mine.risk.numero, accion: mine.position, periodo: period.numero)
        report.porcentaje = 80
        report.descripcion = "Perfiles de modificación restringidos en el sistema tributario; falta el módulo de industria y comercio."
        report.enlaces = "https://intranet.sanisidro.gov.co/hacienda/perfiles-\(map.vigencia)"
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
