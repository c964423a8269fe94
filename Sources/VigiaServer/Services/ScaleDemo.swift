import Fluent
import Foundation
import Vapor
import VigiaCore

/// A national data set for measuring (`vigia demo --escala N`): N entities, each with five
/// dependencias, an administrador, an OCI user and a responsable per dependencia, plans made
/// from the sample plan until the entity has `actionsPerEntity` actions, three graded rounds per
/// plan, an autoreporte with an evidence file for one action in `evidenceEvery` in the last round,
/// the sample anti-corruption program with its seguimientos, and `auditPerEntity` audit events,
/// written with multi-row INSERTs (`BulkInsert`), one transaction per entity. Every user of the set
/// shares one password, printed once. The evidence bytes are stored once (`storeEvidence`).
public enum ScaleDemo {
    public struct Options: Sendable {
        public var entities: Int
        public var actionsPerEntity: Int
        public var auditPerEntity: Int
        /// One action in this many gets an autoreporte with a file (0: none).
        public var evidenceEvery: Int
        public init(entities: Int, actionsPerEntity: Int = 910, auditPerEntity: Int = 273, evidenceEvery: Int = 4) {
            self.entities = entities; self.actionsPerEntity = actionsPerEntity; self.auditPerEntity = auditPerEntity
            self.evidenceEvery = evidenceEvery
        }
    }

    public struct Totals: Sendable, Equatable {
        public var entities = 0, plans = 0, actions = 0, grades = 0, auditEvents = 0, programs = 0, evidence = 0
        /// The password every user of the set shares.
        public var password = ""
    }

    static let dependencyNames = ["Secretaría de Hacienda", "Secretaría de Planeación", "Secretaría General",
                                  "Secretaría de Salud", "Secretaría de Educación"]
    /// Cut-offs of the three rounds: the last two cuatrimestres of 2025 and the first of 2026.
    static let cutOffs = [LocalDate(year: 2025, month: 8, day: 31), LocalDate(year: 2025, month: 12, day: 31),
                          LocalDate(year: 2026, month: 4, day: 30)]

    /// Writes the set; `progress` hears each entity done. The entities' NITs are 9000NNNNN-E.
    public static func load(_ options: Options, sample: PlanSnapshot, program: ProgramSnapshot?, at now: Date, on db: Database,
                            progress: @Sendable (Int, Totals) -> Void = { _, _ in }) async throws -> Totals {
        guard options.entities > 0, options.entities <= 100_000 else {
            throw ValidationFailure("--escala: escriba un número de entidades entre 1 y 100.000.")
        }
        guard (1...1_000_000).contains(options.actionsPerEntity) else {
            throw ValidationFailure("--acciones-por-entidad: escriba un número entre 1 y 1.000.000.")
        }
        guard (0...10_000_000).contains(options.auditPerEntity) else {
            throw ValidationFailure("--auditoria-por-entidad: escriba un número entre 0 y 10.000.000.")
        }
        guard (0...1_000_000).contains(options.evidenceEvery) else {
            throw ValidationFailure("--evidencia-cada: escriba un número entre 0 (ninguna) y 1.000.000.")
        }
        let password = Token.random()
        let hash = try Bcrypt.hash(password)
        var totals = Totals()
        totals.password = password
        for n in 1...options.entities {
            let t = try await db.transaction { tx in
                try await entity(n, options, sample: sample, program: program, hash: hash, at: now, on: tx)
            }
            totals.entities += 1; totals.plans += t.plans; totals.actions += t.actions
            totals.grades += t.grades; totals.auditEvents += t.auditEvents; totals.programs += t.programs; totals.evidence += t.evidence
            progress(n, totals)
        }
        return totals
    }

    /// The rows of entity number `n`.
    private static func entity(_ n: Int, _ options: Options, sample: PlanSnapshot, program: ProgramSnapshot?, hash: String,
                               at now: Date, on db: Database) async throws -> Totals {
        let code = String(format: "%05d", n)
        let entity = Entity(id: UUID(), name: "Entidad de prueba de escala \(code)", nit: "9000\(code)-1",
                            format: FormatHeader(entidad: "Entidad de prueba de escala \(code)", codigo: "PM-\(code)", version: "1"))
        try await entity.create(on: db)
        let entityID = try entity.requireID()
        let dependencies = dependencyNames.map { Dependency(id: UUID(), entityID: entityID, name: $0) }
        try await BulkInsert.insert(dependencies, on: db)
        var users = [User(id: UUID(), entityID: entityID, name: "Jefe de Control Interno \(code)", email: "oci@e\(code).escala.gov.co",
                          cargo: "Jefe de Control Interno", role: .oci, dependencyID: nil, passwordHash: hash),
                     User(id: UUID(), entityID: entityID, name: "Administrador \(code)", email: "admin@e\(code).escala.gov.co",
                          cargo: "Profesional de sistemas", role: .administrador, dependencyID: nil, passwordHash: hash)]
        for (i, d) in dependencies.enumerated() {
            users.append(User(id: UUID(), entityID: entityID, name: "\(d.name) \(code)", email: "dep\(i + 1)@e\(code).escala.gov.co",
                              cargo: "Secretario", role: .responsable, dependencyID: d.id, passwordHash: hash))
        }
        try await BulkInsert.insert(users, on: db)
        let perPlan = max(1, sample.actionCount)
        let plans = (options.actionsPerEntity + perPlan - 1) / perPlan
        var totals = Totals(entities: 1, plans: plans)
        var rows = Rows()
        for p in 0..<plans {
            rows.add(plan: sample, number: p, entityID: entityID, dependency: dependencies[p % dependencies.count], code: code, now: now)
        }
        try await rows.write(on: db)
        totals.actions = rows.actions.count; totals.grades = rows.grades.count
        let uploaders = Dictionary(users.compactMap { u in u.$dependency.id.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
        var evidence = EvidenceRows()
        evidence.add(rows.reportable, entityID: entityID, uploaders: uploaders, every: options.evidenceEvery, now: now)
        try await evidence.write(on: db)
        totals.evidence = evidence.attachments.count
        if let program {
            var programRows = ProgramRows()
            programRows.add(program, entityID: entityID, dependencies: dependencies, oci: users.first?.id)
            try await programRows.write(on: db)
            totals.programs = programRows.count
        }
        totals.auditEvents = try await audit(options.auditPerEntity, entityID: entityID, plans: rows.plans, users: users, now: now, on: db)
        return totals
    }

    /// `count` audit events spread over the entity's plans and users, a day apart backwards from `now`.
    private static func audit(_ count: Int, entityID: UUID, plans: [ImprovementPlan], users: [User], now: Date,
                              on db: Database) async throws -> Int {
        guard count > 0, !plans.isEmpty else { return 0 }
        let events = (0..<count).map { i -> AuditEvent in
            let e = AuditEvent()
            let plan = plans[i % plans.count], user = users[i % users.count]
            e.id = UUID(); e.$entity.id = entityID; e.$user.id = user.id; e.userName = user.name
            e.at = now.addingTimeInterval(-Double(i) * 86_400 / 4)
            e.summary = "Calificó la acción \(i % 4 + 1) del hallazgo \(i % 3 + 1)"
            e.objectType = "calificación"; e.objectID = plan.id; e.planID = plan.id
            e.field = "% de avance"; e.oldValue = "\(i % 50)"; e.newValue = "\(i % 50 + 25)"
            return e
        }
        try await BulkInsert.insert(events, on: db)
        return events.count
    }

    /// The rows of an entity's plans, gathered and then written table by table.
    private struct Rows {
        var plans: [ImprovementPlan] = []
        var findings: [Finding] = []
        var actions: [Action] = []
        var links: [ActionDependency] = []
        var rounds: [FollowUpRound] = []
        var grades: [ActionGrade] = []
        var reportable: [Reportable] = []

        mutating func add(plan s: PlanSnapshot, number p: Int, entityID: UUID, dependency: Dependency, code: String, now: Date) {
            let plan = ImprovementPlan(
                id: UUID(), entityID: entityID, dependencyID: dependency.id, unidadAuditable: dependency.name,
                numeroAuditoria: "AUD-\(code)-\(p + 1)", periodoAuditoria: "2025", fechaSuscripcion: s.fechaSuscripcion,
                origen: s.origen, estado: .enSeguimiento, metodo: s.metodo, formatCodigo: "PM-\(code)", formatVersion: "1", formatFecha: "")
            // Plans of an entity a second apart, so “newest first” has an order.
            plan.createdAt = now.addingTimeInterval(-Double(p))
            plans.append(plan)
            guard let planID = plan.id else { return }
            let planRounds = ScaleDemo.cutOffs.enumerated().map { r, cut in
                FollowUpRound(id: UUID(), entityID: entityID, planID: planID, numero: r + 1, fechaCorte: cut, fechaSeguimiento: cut,
                              estado: r < 2 ? .publicado : .borrador)
            }
            rounds += planRounds
            for f in s.hallazgos {
                let finding = Finding(id: UUID(), entityID: entityID, planID: planID, numero: f.numero, descripcion: f.descripcion,
                                      causa: f.causa, efecto: f.efecto, criterio: f.criterio)
                findings.append(finding)
                for (ai, a) in f.acciones.enumerated() {
                    guard let findingID = finding.id else { continue }
                    let action = Action(id: UUID(), entityID: entityID, findingID: findingID, position: ai + 1, snapshot: a)
                    actions.append(action)
                    if let actionID = action.id, let last = planRounds.last?.id, let dependencyID = dependency.id {
                        reportable.append(Reportable(action: actionID, round: last, dependency: dependencyID))
                    }
                    let link = ActionDependency()
                    link.id = UUID(); link.$action.id = action.id ?? UUID(); link.$dependency.id = dependency.id ?? UUID()
                    links.append(link)
                    // Progress grows round by round, differently for each action.
                    let step = Double((p * 7 + f.numero * 3 + ai * 5) % 4 + 1) * 10
                    for (r, round) in planRounds.enumerated() {
                        guard let roundID = round.id, let actionID = action.id else { continue }
                        let g = ActionGrade(id: UUID(), entityID: entityID, roundID: roundID, actionID: actionID)
                        g.porcentaje = min(100, step * Double(r + 1))
                        g.evidencias = "Acta de seguimiento \(r + 1)"
                        g.observaciones = g.porcentaje == 100 ? "Cumplida con soportes." : "En ejecución."
                        grades.append(g)
                    }
                }
            }
        }

        func write(on db: Database) async throws {
            try await BulkInsert.insert(plans, on: db)
            try await BulkInsert.insert(findings, on: db)
            try await BulkInsert.insert(actions, on: db)
            try await BulkInsert.insert(links, on: db)
            try await BulkInsert.insert(rounds, on: db)
            try await BulkInsert.insert(grades, on: db)
        }
    }
}
