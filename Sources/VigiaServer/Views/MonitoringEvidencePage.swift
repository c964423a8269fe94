import Foundation
import Plot
import VigiaCore
import VigiaFormats

/// The evidence files of a responsable's monitoreo of one activity in one period.
enum MonitoringEvidencePage {
    struct File: Sendable, Equatable {
        var id: UUID
        var name: String
        var sizeBytes: Int
        var uploadedBy: String
        /// Only who uploaded a file may remove it.
        var removable: Bool
    }

    struct Model: Sendable, Equatable {
        var programID: UUID
        var periodNumber: Int
        var periodName: String
        var activityID: UUID
        var activity: String
        var files: [File]
        var canUpload: Bool
        var error: String?
    }

    enum View {
        static func content(_ m: Model, csrf: String) -> Node<HTML.BodyContext> {
            let target = SiteURL.monitoringEvidence(.value(m.programID), .value(m.periodNumber), .value(m.activityID)).path
            return .group(
                .h1(.text("Evidencias del monitoreo · \(m.periodName.capitalized)")),
                .p(.text(m.activity)),
                .unwrap(m.error) { .p(.class("errors"), .attribute(named: "role", value: "alert"), .text($0)) },
                .scrollBox("Archivos de evidencia", .table(.class("list"),
                    .thead(.tr(.th("Archivo"), .th("Tamaño"), .th("Subido por"), .th(""))),
                    .tbody(.if(m.files.isEmpty, .tr(.td(.attribute(named: "colspan", value: "4"), .text("Sin archivos.")))),
                           .forEach(m.files) { file in row(file, csrf: csrf) }))),
                .if(m.canUpload, .form(.method(.post), .action(target), .enctype(.multipartData), .csrf(csrf),
                    .div(.class("field"), .label(.for("archivos"), .text("Archivos")),
                         .input(.type(.file), .name("archivos"), .id("archivos"), .multiple(true)),
                         .small(.class("hint"), .text(EvidenceType.acceptedText))),
                    .button(.type(.submit), .text("Adjuntar")))),
                .p(.a(.href(SiteURL.programMonitoring(.value(m.programID), .value(m.periodNumber)).path), .text("Volver al monitoreo"))))
        }

        static func row(_ f: File, csrf: String) -> Node<HTML.TableContext> {
            .tr(.td(.a(.href(SiteURL.evidence(.value(f.id)).path), .text(f.name))),
                .td(.class("num"), .text(SpanishFormat.number(Double(f.sizeBytes) / 1024, maxDecimals: 0) + " KB")),
                .td(.text(f.uploadedBy)),
                .td(.if(f.removable, .form(.method(.post), .action(SiteURL.deleteEvidence(.value(f.id)).path), .class("inline"), .csrf(csrf),
                                           .button(.type(.submit), .class("link"), .text("Quitar"))))))
        }
    }
}

extension MonitoringEvidencePage.Model {
    init(_ c: MonitoringEvidenceController.Context, user: CurrentUser?, error: String?) {
        self.init(programID: c.program.id ?? UUID(), periodNumber: c.period.numero, periodName: c.period.nombre,
                  activityID: c.activity.id ?? UUID(), activity: c.activity.actividad,
                  files: c.evidences.compactMap { ev in
                      ev.id.map { MonitoringEvidencePage.File(id: $0, name: ev.name, sizeBytes: ev.file.size, uploadedBy: ev.uploadedByName,
                                                              removable: ev.$uploadedBy.id != nil && ev.$uploadedBy.id == user?.id) }
                  },
                  canUpload: user.map { PlanPermissions.writesSelfReports(role: $0.role) } ?? false, error: error)
    }
}
