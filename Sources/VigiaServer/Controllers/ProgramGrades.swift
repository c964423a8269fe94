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
    struct Row: Equatable {
        var percent = "", notApplicable = false, text = "", evidence = ""
        /// The % when it came as a number (the API): used as it is, never re-read from text.
        var number: Double? = nil

        /// The % read by VigiaCore's one parser; a number from the API is never re-read from text.
        var percentInput: PercentInput { number.map(PercentInput.init(number:)) ?? PercentInput(percent) }
    }
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
            if row.notApplicable && row.percentInput.reading != .empty {
                e["pct_\(k)"] = "\(line.place): marque N/A o escriba un %, no ambos."
            } else if let problem = row.percentInput.problem(field: "\(line.place): el % de avance") {
                e["pct_\(k)"] = problem
            }
            for link in row.evidence.split(whereSeparator: \.isNewline).map({ String($0).trimmed }) where !link.isEmpty {
                if !SafeURL.isWebLink(link) {
                    e["ev_\(k)"] = "\(line.place): la evidencia «\(link)» no es un enlace (http:// o https://)."
                }
            }
        }
        return e
    }

    func snapshot(_ line: ActivityLine, period: Int) -> ActivityFollowUpSnapshot {
        let row = rows[line.id] ?? Row()
        return ActivityFollowUpSnapshot(
            periodo: period, porcentaje: line.takesPercent && !row.notApplicable ? row.percentInput.value : nil,
            noAplica: line.takesPercent && row.notApplicable, seguimiento: row.text.trimmed,
            evidencias: row.evidence.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty })
    }
}
