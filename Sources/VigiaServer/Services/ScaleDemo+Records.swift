import Fluent
import Foundation
import Vapor
import VigiaCore

extension ScaleDemo {
    /// The PDF every evidence record of the set points at (one file, kept once by its hash; each
    /// entity has its own record of it, as real uploads of the same bytes would).
    static let evidencePDF = Data("%PDF-1.4\n1 0 obj << /Title (Acta de seguimiento) >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    /// Stores the evidence bytes once for the whole set (in the store the settings name).
    public static func storeEvidence(app: Application) async throws {
        try await EvidenceStore.write(evidencePDF, sha256: BackupService.sha256(evidencePDF), app: app)
    }

    /// One program from the seguimientos of several periods of it (each document holds one
    /// period): the first document's structure with every document's seguimiento of each activity,
    /// matched by position. A document whose structure differs adds nothing.
    public static func program(from documents: [ProgramSnapshot]) -> ProgramSnapshot? {
        guard var merged = documents.first else { return nil }
        func merge(_ a: inout ActivitySnapshot, _ b: ActivitySnapshot) {
            let have = Set(a.seguimientos.map(\.periodo))
            a.seguimientos += b.seguimientos.filter { !have.contains($0.periodo) }
            guard a.subitems.count == b.subitems.count else { return }
            for i in a.subitems.indices { merge(&a.subitems[i], b.subitems[i]) }
        }
        for other in documents.dropFirst() {
            guard other.componentes.map(\.actividades.count) == merged.componentes.map(\.actividades.count) else { continue }
            for c in merged.componentes.indices {
                for a in merged.componentes[c].actividades.indices {
                    merge(&merged.componentes[c].actividades[a], other.componentes[c].actividades[a])
                }
            }
        }
        return merged
    }

    /// The entity's anti-corruption program, written in bulk from `sample` (its periods, components,
    /// activities and sub-items, the dependencias each names, and the seguimiento of each period).
    struct ProgramRows {
        var programs: [AnticorruptionProgram] = []
        var periods: [FollowUpPeriod] = []
        var components: [ProgramComponent] = []
        var activities: [ProgramActivity] = []
        var links: [ActivityDependency] = []
        var followUps: [ActivityFollowUp] = []
        var count: Int { programs.count }

        mutating func add(_ s: ProgramSnapshot, entityID: UUID, dependencies: [Dependency], oci: UUID?) {
            let program = AnticorruptionProgram(id: UUID(), entityID: entityID, vigencia: s.vigencia, plantilla: s.plantilla,
                                                titulo: s.titulo.isEmpty ? ProgramTemplate.paacV2.titulo : s.titulo)
            guard let programID = program.id else { return }
            programs.append(program)
            var periodIDs: [Int: UUID] = [:]
            for p in s.periodos {
                let period = FollowUpPeriod(entityID: entityID, programID: programID, period: p)
                period.id = UUID()
                periodIDs[p.numero] = period.id
                periods.append(period)
            }
            for c in s.componentes {
                let component = ProgramComponent(entityID: entityID, programID: programID, numero: c.numero, nombre: c.nombre)
                component.id = UUID()
                components.append(component)
                guard let componentID = component.id else { continue }
                for (i, a) in c.actividades.enumerated() {
                    add(a, componentID: componentID, parentID: nil, position: i + 1, entityID: entityID,
                        dependencies: dependencies, periodIDs: periodIDs, oci: oci)
                }
            }
        }

        private mutating func add(_ a: ActivitySnapshot, componentID: UUID, parentID: UUID?, position: Int, entityID: UUID,
                                  dependencies: [Dependency], periodIDs: [Int: UUID], oci: UUID?) {
            let activity = ProgramActivity(entityID: entityID, componentID: componentID, parentID: parentID, position: position, snapshot: a)
            let activityID = UUID()
            activity.id = activityID
            activities.append(activity)
            let text = a.responsables.folded
            for d in dependencies where !text.isEmpty && text.contains(d.name.folded) {
                let link = ActivityDependency()
                link.id = UUID(); link.$activity.id = activityID; link.$dependency.id = d.id ?? UUID()
                links.append(link)
            }
            for f in a.seguimientos {
                guard let periodID = periodIDs[f.periodo] else { continue }
                let row = ActivityFollowUp(entityID: entityID, activityID: activityID, periodID: periodID)
                row.id = UUID()
                row.porcentaje = f.porcentaje; row.noAplica = f.noAplica; row.seguimiento = f.seguimiento
                row.evidencias = f.evidencias.joined(separator: "\n"); row.$updatedBy.id = oci
                followUps.append(row)
            }
            for (i, sub) in a.subitems.enumerated() {
                add(sub, componentID: componentID, parentID: activityID, position: i + 1, entityID: entityID,
                    dependencies: dependencies, periodIDs: periodIDs, oci: oci)
            }
        }

        func write(on db: Database) async throws {
            try await BulkInsert.insert(programs, on: db)
            try await BulkInsert.insert(periods, on: db)
            try await BulkInsert.insert(components, on: db)
            // Parents before their sub-items (a sub-item points at its activity).
            try await BulkInsert.insert(activities.filter { $0.$parent.id == nil } + activities.filter { $0.$parent.id != nil }, on: db)
            try await BulkInsert.insert(links, on: db)
            try await BulkInsert.insert(followUps, on: db)
        }
    }

    /// An action that can carry an autoreporte: its plan's last round and its dependencia.
    struct Reportable { var action: UUID; var round: UUID; var dependency: UUID }

    /// Autoreportes of one action in `every` of the last round, each with one evidence file
    /// attached: the entity's record of `evidencePDF`, uploaded by the action's responsable.
    struct EvidenceRows {
        var reports: [ProgressReport] = []
        var attachments: [ReportEvidence] = []
        var file: EvidenceFile?

        /// `actions`: each action with its plan's last round and dependencia; `uploaders`: a responsable per dependencia.
        mutating func add(_ actions: [Reportable], entityID: UUID, uploaders: [UUID: User], every: Int, now: Date) {
            guard every > 0 else { return }
            let file = EvidenceFile()
            file.id = UUID(); file.$entity.id = entityID; file.sha256 = BackupService.sha256(ScaleDemo.evidencePDF)
            file.size = ScaleDemo.evidencePDF.count; file.mime = "application/pdf"; file.createdAt = now
            self.file = file
            for (i, a) in actions.enumerated() where i % every == 0 {
                guard let fileID = file.id, let uploader = uploaders[a.dependency] else { continue }
                let report = ProgressReport(entityID: entityID, actionID: a.action, roundID: a.round)
                let reportID = UUID()
                report.id = reportID
                report.porcentaje = Double(i % 5) * 25
                report.descripcion = "Se adjunta el acta de seguimiento del cuatrimestre."
                report.$reportedBy.id = uploader.id
                report.createdAt = now; report.updatedAt = now
                reports.append(report)
                let ev = ReportEvidence()
                ev.id = UUID(); ev.$entity.id = entityID; ev.reportKind = .autoreporte; ev.reportID = reportID
                ev.$file.id = fileID; ev.name = "acta-seguimiento-\(i + 1).pdf"
                ev.uploadedByName = uploader.name; ev.$uploadedBy.id = uploader.id; ev.createdAt = now
                attachments.append(ev)
            }
        }

        func write(on db: Database) async throws {
            guard let file, !reports.isEmpty else { return }
            try await BulkInsert.insert([file], on: db)
            try await BulkInsert.insert(reports, on: db)
            try await BulkInsert.insert(attachments, on: db)
        }
    }
}
