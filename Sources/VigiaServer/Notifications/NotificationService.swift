import Fluent
import SQLKit
import Vapor
import VigiaCore

/// Plans the day's reminders from the data, stores each once, and sends what is pending.
/// Safe with several server instances: a notification exists once (unique key) and is sent by
/// whoever claims it first.
enum NotificationService {
    struct Outcome: Sendable { var created = 0; var sent = 0; var failed = 0 }

    @discardableResult
    /// `settings` overrides every entity's own reminder days (tests); nil reads each entity's.
    static func run(today: LocalDate, app: Application, smtp: SMTPSettings?, settings: ReminderSettings? = nil) async throws -> Outcome {
        var outcome = Outcome()
        let entities = try await Entity.query(on: app.db).all()
        // Entities are independent: plan a few at a time (one per core, at most four).
        let width = max(1, min(4, System.coreCount))
        func one(_ entity: Entity) async throws -> Int {
            let days = settings ?? entity.reminderSettings
            return try await create(try await plan(entity, today: today, on: app.db, settings: days), entityID: entity.requireID(), on: app.db)
        }
        outcome.created = try await withThrowingTaskGroup(of: Int.self) { group in
            var pending = entities.makeIterator(), total = 0
            for _ in 0..<width { if let e = pending.next() { group.addTask { try await one(e) } } }
            while let n = try await group.next() {
                total += n
                if let e = pending.next() { group.addTask { try await one(e) } }
            }
            return total
        }
        let (sent, failed) = try await sendPending(app: app, smtp: smtp)
        outcome.sent = sent
        outcome.failed = failed
        return outcome
    }

    static func plan(_ entity: Entity, today: LocalDate, on db: Database, settings: ReminderSettings) async throws -> [PlannedNotification] {
        let entityID = try entity.requireID()
        // Deactivated accounts get no reminders.
        let users = try await User.query(on: db).filter(\.$entity.$id == entityID).filter(\.$active == true).all()
        func recipients(of dependency: UUID?) -> [Recipient] {
            users.filter { $0.role.seesOwnDependencyOnly && $0.$dependency.id != nil && $0.$dependency.id == dependency }
                .map { Recipient(id: $0.id!, name: $0.name, email: $0.email) }
        }
        var actions: [ReminderAction] = [], cutOffs: [ReminderCutOff] = []
        var overdue: [String] = [], behind: [String] = [], waiting: [String] = [], deadlines: [String] = []
        let open = try await ImprovementPlan.query(on: db).filter(\.$entity.$id == entityID).filter(\.$estado != .cerrado).all()
        let snapshots = try await PlanStore.snapshots(of: open, on: db)
        let ungraded = try await PlanDigests.ungradedReports(snapshots, on: db)
        for (plan, s) in zip(open, snapshots) {
            let to = recipients(of: plan.$dependency.id)
            let e = PlanEvaluator.current(s)
            for (fi, f) in s.hallazgos.enumerated() {
                for (ai, a) in f.acciones.enumerated() {
                    let label = "hallazgo \(f.numero), acción \(ai + 1) · \(s.unidadAuditable)"
                    let ae = e.hallazgos[fi].acciones[ai]
                    // A reformulated action is no longer due: its successor is.
                    if ae.estado == .reformulada { continue }
                    if let final = a.fechaFinal {
                        actions.append(ReminderAction(id: a.id!, label: label, descripcion: a.descripcion, fechaFinal: final,
                                                      percent: ae.porcentaje, recipients: to))
                        if Schedule.isOverdue(percent: ae.porcentaje, fechaFinal: final, at: today) { overdue.append("\(label) (venció el \(final.dayFirst))") }
                    }
                    if let pending = a.pendingReformulation {
                        waiting.append("reformulación de la acción \(ai + 1) del hallazgo \(f.numero) · \(s.unidadAuditable), propuesta por \(pending.proponente) el \(pending.fechaPropuesta.dayFirst): espera su decisión")
                    }
                    if ae.atrasada { behind.append("\(label): \(SpanishFormat.percent(ae.porcentaje)) de \(SpanishFormat.percent(ae.avanceEsperado)) esperado") }
                }
            }
            for r in s.seguimientos where r.estado == .borrador {
                if let cut = r.fechaCorte {
                    cutOffs.append(ReminderCutOff(id: r.id!, label: "seguimiento \(r.numero) del plan de \(s.unidadAuditable)", date: cut, recipients: to))
                }
            }
            for u in s.id.flatMap({ ungraded[$0] }) ?? [] {
                waiting.append("hallazgo \(s.hallazgos[u.action.hallazgo].numero), acción \(u.action.accion + 1) · \(s.unidadAuditable) (seguimiento \(u.round.numero))")
            }
        }
        try await programDeadlines(entityID: entityID, users: users, today: today, cutOffs: &cutOffs, deadlines: &deadlines, on: db)
        let risks = try await riskMapReminders(entityID: entityID, users: users, today: today, on: db)
        actions += risks.actions; cutOffs += risks.cutOffs; overdue += risks.overdue; waiting += risks.waiting; deadlines += risks.deadlines
        let oci = users.filter { $0.role.receivesOCIDigest }.map { Recipient(id: $0.id!, name: $0.name, email: $0.email) }
        let digest = oci.isEmpty ? nil : DigestInput(recipients: oci, overdue: overdue, behind: behind, waiting: waiting, deadlines: deadlines)
        return ReminderPlanner.plan(today: today, actions: actions, cutOffs: cutOffs, digest: digest, settings: settings)
    }

    /// Each unpublished period's cut-off (to every responsable) and, within 45 days, its publication deadline (to the OCI).
    private static func programDeadlines(entityID: UUID, users: [User], today: LocalDate, cutOffs: inout [ReminderCutOff],
                                         deadlines: inout [String], on db: Database) async throws {
        for program in try await AnticorruptionProgram.query(on: db).filter(\.$entity.$id == entityID).all() {
            let name = "\(program.shortName) \(program.vigencia)"
            for period in try await FollowUpPeriod.query(on: db).filter(\.$program.$id == program.requireID()).all() where period.estado != .publicado {
                if period.fechaLimite >= today && LocalDate.days(from: today, to: period.fechaLimite) <= 45 {
                    deadlines.append("\(name), \(period.nombre.lowercased()): publicar a más tardar el \(period.fechaLimite.dayFirst)")
                }
                let everyone = users.filter { $0.role.seesOwnDependencyOnly }.map { Recipient(id: $0.id!, name: $0.name, email: $0.email) }
                cutOffs.append(ReminderCutOff(id: period.id!, label: "\(name) (\(period.nombre.lowercased()))", date: period.fechaCorte,
                                              recipients: everyone))
            }
        }
    }

    static func ref(of actionID: UUID, in s: PlanSnapshot) -> ActionRef? {
        for (fi, f) in s.hallazgos.enumerated() { if let ai = f.acciones.firstIndex(where: { $0.id == actionID }) { return ActionRef(hallazgo: fi, accion: ai) } }
        return nil
    }

    /// Stores the planned notifications that do not exist yet; returns how many were new.
    static func create(_ planned: [PlannedNotification], entityID: UUID, on db: Database) async throws -> Int {
        guard !planned.isEmpty else { return 0 }
        let existing = Set(try await Notification.query(on: db).filter(\.$dedupKey ~~ planned.map(\.key)).all().map(\.dedupKey))
        var created = 0
        for p in planned where !existing.contains(p.key) {
            let n = Notification()
            n.$entity.id = entityID
            n.$user.id = p.recipient.id
            n.email = p.recipient.email
            n.kind = p.kind
            n.dedupKey = p.key
            n.subject = p.subject
            n.body = p.body
            n.attempts = 0
            do {
                try await n.create(on: db)
                created += 1
            } catch {
                // Another instance created it first: the unique key did its job.
                continue
            }
        }
        return created
    }

    /// Sends every pending notification this instance manages to claim.
    static func sendPending(app: Application, smtp: SMTPSettings?) async throws -> (Int, Int) {
        guard let smtp else { return (0, 0) }
        let me = UUID().uuidString
        let pending = try await Notification.query(on: app.db).filter(\.$sentAt == nil).filter(\.$claimedBy == nil)
            .filter(\.$attempts < 5).all()
        var sent = 0, failed = 0
        for n in pending {
            let claimed = try await (app.db as! SQLDatabase).update("notifications").set("claimed_by", to: me)
                .where("id", .equal, n.id!).where("claimed_by", .is, SQLLiteral.null).returning("id").all()
            guard !claimed.isEmpty else { continue }
            let message = MailMessage(to: n.email, toName: n.email, subject: n.subject, body: n.body)
            let date = app.now
            let result: String? = await Task.detached {
                do { try SMTPClient.send(message, settings: smtp, date: date); return nil } catch { return "\(error)" }
            }.value
            n.attempts += 1
            if let result {
                n.error = result
                n.claimedBy = nil    // another run may try again
                failed += 1
            } else {
                n.sentAt = app.now
                n.error = nil
                n.claimedBy = me
                sent += 1
            }
            try await n.save(on: app.db)
        }
        return (sent, failed)
    }
}

/// Runs the reminders inside the server, every `interval` seconds.
struct ReminderScheduler: LifecycleHandler {
    let interval: Double

    func didBootAsync(_ app: Application) async throws {
        let interval = self.interval
        let task = Task {
            while !Task.isCancelled {
                do {
                    try await NotificationService.run(today: app.today, app: app, smtp: app.smtpSettings)
                } catch {
                    app.logger.error("Recordatorios: \(error)")
                }
                // Expired sessions go too (logins also purge them).
                try? await SessionStore.purgeExpired(app, on: app.db)
                try? await Task.sleep(for: .seconds(interval))
            }
        }
        app.storage[ReminderTaskKey.self] = task
    }

    func shutdownAsync(_ app: Application) async {
        app.storage[ReminderTaskKey.self]?.cancel()
    }
}

struct ReminderTaskKey: StorageKey { typealias Value = Task<Void, Never> }
