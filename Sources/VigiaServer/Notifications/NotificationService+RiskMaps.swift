import Fluent
import Foundation
import VigiaCore

/// The corruption risk maps' part of the reminders: each action's fecha fin and each period's cut-off
/// to the responsables of the action's dependencias, and to the OCI's weekly digest the actions overdue,
/// the monitoreos waiting for its seguimiento and the publication deadlines.
extension NotificationService {
    struct RiskMapReminders {
        var actions: [ReminderAction] = []
        var cutOffs: [ReminderCutOff] = []
        var overdue: [String] = []
        var waiting: [String] = []
        var deadlines: [String] = []
    }

    /// Maps of this vigencia and the last (older ones are closed history).
    static func riskMapReminders(entityID: UUID, users: [User], today: LocalDate, on db: Database) async throws -> RiskMapReminders {
        var out = RiskMapReminders()
        let records = try await RiskMapRecord.query(on: db).filter(\.$entity.$id == entityID).filter(\.$vigencia >= today.year - 1).all()
        for record in records {
            guard let id = record.id, let map = try? record.map() else { continue }
            let published = Set(try await Publication.query(on: db).filter(\.$kind == .riskMap).filter(\.$riskMapID == id).all().map(\.numero))
            let reports = try await ProgressReport.query(on: db).filter(\.$kind == .riskMonitoring).filter(\.$riskMapID == id).all()
            func recipients(_ dependencies: [UUID]) -> [Recipient] {
                users.filter { $0.role.seesOwnDependencyOnly && $0.$dependency.id.map(dependencies.contains) == true }
                    .compactMap { u in u.id.map { Recipient(id: $0, name: u.name, email: u.email) } }
            }
            let name = "mapa de riesgos de corrupción \(map.vigencia)"
            var involved: Set<UUID> = []
            for r in map.riesgos {
                for (k, a) in r.acciones.enumerated() {
                    let dependencies = a.plan.dependencias ?? []
                    involved.formUnion(dependencies)
                    guard let end = a.plan.fechaFin else { continue }
                    let latest = a.seguimientos.filter { $0.porcentaje != nil }.max { $0.periodo < $1.periodo }?.porcentaje
                    let label = "riesgo \(r.numero), acción \(k + 1) · \(name)"
                    out.actions.append(ReminderAction(id: derivedID(id, r.numero, k + 1), label: label, descripcion: a.plan.descripcion,
                                                      fechaFinal: end, percent: latest, recipients: recipients(dependencies)))
                    if Schedule.isOverdue(percent: latest, fechaFinal: end, at: today) { out.overdue.append("\(label) (venció el \(end.dayFirst))") }
                }
            }
            for p in map.periodos where !published.contains(p.numero) {
                if p.fechaLimitePublicacion >= today && LocalDate.days(from: today, to: p.fechaLimitePublicacion) <= 45 {
                    out.deadlines.append("Mapa de riesgos de corrupción \(map.vigencia), \(p.nombre.lowercased()): publicar a más tardar el \(p.fechaLimitePublicacion.dayFirst)")
                }
                out.cutOffs.append(ReminderCutOff(id: derivedID(id, 0, p.numero), label: "\(name) (\(p.nombre.lowercased()))", date: p.fechaCorte,
                                                  recipients: recipients(Array(involved))))
            }
            for report in reports {
                guard let n = report.riskNumero, let k = report.riskAccion, let p = report.periodo, !published.contains(p),
                      let actions = map.riesgos.first(where: { $0.numero == n })?.acciones, actions.indices.contains(k - 1),
                      actions[k - 1].followUp(p)?.porcentaje == nil else { continue }
                out.waiting.append("riesgo \(n), acción \(k) · \(name) (monitoreo del periodo \(p))")
            }
        }
        return out
    }

    /// A stable id for something that lives inside a map's document (an action, a period), for the
    /// reminders' keys and calendar uids: the map's id with its last eight bytes mixed with the two
    /// numbers, 32 bits each (risk numbers and positions are far below that).
    static func derivedID(_ map: UUID, _ a: Int, _ b: Int) -> UUID {
        var u = map.uuid
        let x = UInt32(truncatingIfNeeded: a), y = UInt32(truncatingIfNeeded: b)
        u.8 ^= UInt8(truncatingIfNeeded: x >> 24); u.9 ^= UInt8(truncatingIfNeeded: x >> 16)
        u.10 ^= UInt8(truncatingIfNeeded: x >> 8); u.11 ^= UInt8(truncatingIfNeeded: x)
        u.12 ^= UInt8(truncatingIfNeeded: y >> 24); u.13 ^= UInt8(truncatingIfNeeded: y >> 16)
        u.14 ^= UInt8(truncatingIfNeeded: y >> 8); u.15 ^= UInt8(truncatingIfNeeded: y) ^ 0x80
        return UUID(uuid: u)
    }
}
