import Fluent
import Foundation
import Vapor
import VigiaCore

/// One line of the seguimiento or monitoreo form: an activity or a sub-item, with its place.
struct ActivityLine {
    let id: UUID
    let component: Int
    let place: String
    let activity: ActivitySnapshot
    /// A parent's % is computed from its sub-items; it takes text only.
    var takesPercent: Bool { activity.subitems.isEmpty }

    static func lines(of p: ProgramSnapshot, component only: Int? = nil) -> [ActivityLine] {
        var out: [ActivityLine] = []
        for c in p.componentes where only == nil || c.numero == only {
            for (i, a) in c.actividades.enumerated() {
                out.append(ActivityLine(id: a.id!, component: c.numero, place: "Componente \(c.numero), actividad \(i + 1)", activity: a))
                for (k, s) in a.subitems.enumerated() {
                    out.append(ActivityLine(id: s.id!, component: c.numero, place: "Componente \(c.numero), actividad \(i + 1).\(k + 1)", activity: s))
                }
            }
        }
        return out
    }
}

/// The values of the form as typed, so a form with errors comes back as sent.
struct ActivityGradeValues {
    struct Row: Equatable { var percent = "", notApplicable = false, text = "", evidence = "" }
    var rows: [UUID: Row] = [:]

    init(lines: [ActivityLine], period: Int, monitoring: Bool) {
        for line in lines {
            let f = monitoring ? line.activity.monitoring(period) : line.activity.followUp(period)
            rows[line.id] = Row(percent: f?.porcentaje.map { SpanishFormat.number($0) } ?? "", notApplicable: f?.noAplica ?? false,
                                text: f?.seguimiento ?? "", evidence: f?.evidencias.joined(separator: "\n") ?? "")
        }
    }

    init(lines: [ActivityLine], fields: [String: String]) {
        for line in lines {
            let k = line.id.uuidString
            rows[line.id] = Row(percent: fields["pct_\(k)"] ?? "", notApplicable: fields["na_\(k)"] != nil,
                                text: fields["seg_\(k)"] ?? "", evidence: fields["ev_\(k)"] ?? "")
        }
    }

    func validate(_ lines: [ActivityLine]) -> [String: String] {
        var e: [String: String] = [:]
        for line in lines where line.takesPercent {
            let row = rows[line.id] ?? Row()
            let k = line.id.uuidString
            if row.notApplicable && !row.percent.trimmed.isEmpty {
                e["pct_\(k)"] = "\(line.place): marque N/A o escriba un %, no ambos."
            } else if !row.percent.trimmed.isEmpty {
                if let p = SpanishFormat.parsePercent(row.percent), (0...100).contains(p) {} else {
                    e["pct_\(k)"] = "\(line.place): el % de avance «\(row.percent)» debe ser un número de 0 a 100."
                }
            }
            for link in row.evidence.split(whereSeparator: \.isNewline).map({ String($0).trimmed }) where !link.isEmpty {
                if !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
                    e["ev_\(k)"] = "\(line.place): la evidencia «\(link)» no es un enlace (http:// o https://)."
                }
            }
        }
        return e
    }

    func snapshot(_ line: ActivityLine, period: Int) -> ActivityFollowUpSnapshot {
        let row = rows[line.id] ?? Row()
        return ActivityFollowUpSnapshot(
            periodo: period, porcentaje: line.takesPercent && !row.notApplicable ? SpanishFormat.parsePercent(row.percent) : nil,
            noAplica: line.takesPercent && row.notApplicable, seguimiento: row.text.trimmed,
            evidencias: row.evidence.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty })
    }
}

/// Writes the OCI's seguimiento or a responsable's monitoreo, recording each change.
enum ActivityGradeWriter {
    static func write(_ lines: [ActivityLine], values: ActivityGradeValues, period: FollowUpPeriod, monitoring: Bool,
                      program: AnticorruptionProgram, user: CurrentUser, on db: Database) async throws -> Int {
        let periodID = try period.requireID()
        let ids = lines.map(\.id)
        let kind = monitoring ? "monitoreo" : "seguimiento"
        return try await db.transaction { db in
            var written = 0
            let follow = monitoring ? [] : try await ActivityFollowUp.query(on: db).filter(\.$period.$id == periodID).filter(\.$activity.$id ~~ ids).all()
            let monit = monitoring ? try await ActivityMonitoring.query(on: db).filter(\.$period.$id == periodID).filter(\.$activity.$id ~~ ids).all() : []
            for line in lines {
                let new = values.snapshot(line, period: period.numero)
                let old = monitoring ? line.activity.monitoring(period.numero) : line.activity.followUp(period.numero)
                let before = old ?? ActivityFollowUpSnapshot(periodo: period.numero)
                func show(_ f: ActivityFollowUpSnapshot) -> String? {
                    f.noAplica ? "N/A" : f.porcentaje.map { SpanishFormat.percent($0) }
                }
                let changes = AuditLog.diff([
                    ("% de avance", show(before), show(new)),
                    (kind, before.seguimiento.isEmpty ? nil : before.seguimiento, new.seguimiento.isEmpty ? nil : new.seguimiento),
                    ("evidencias", before.evidencias.isEmpty ? nil : before.evidencias.joined(separator: " "),
                     new.evidencias.isEmpty ? nil : new.evidencias.joined(separator: " ")),
                ])
                guard !changes.isEmpty else { continue }
                written += 1
                if monitoring {
                    let row = monit.first { $0.$activity.id == line.id }
                        ?? ActivityMonitoring(entityID: user.entityID, activityID: line.id, periodID: periodID)
                    row.porcentaje = new.porcentaje; row.noAplica = new.noAplica; row.reporte = new.seguimiento
                    row.evidencias = new.evidencias.joined(separator: "\n"); row.$reportedBy.id = user.id
                    try await row.save(on: db)
                } else {
                    let row = follow.first { $0.$activity.id == line.id }
                        ?? ActivityFollowUp(entityID: user.entityID, activityID: line.id, periodID: periodID)
                    row.porcentaje = new.porcentaje; row.noAplica = new.noAplica; row.seguimiento = new.seguimiento
                    row.evidencias = new.evidencias.joined(separator: "\n"); row.$updatedBy.id = user.id
                    try await row.save(on: db)
                }
                try await AuditLog.record("Registró el \(kind) de \(line.place.lowercased()) (\(period.nombre.lowercased()))",
                                          by: Actor(user), entityID: user.entityID, objectType: kind, objectID: line.id,
                                          planID: nil, programID: program.id, changes: changes, on: db)
            }
            return written
        }
    }
}
