import Fluent
import Foundation
import Vapor
import VigiaCore
import VigiaFormats

/// The official documents in their three forms.
public enum ReportFormat: String, Sendable, CaseIterable {
    case json, xlsx, pdf

    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pdf: "application/pdf"
        }
    }
}

extension VigiaTasks {
    /// `logo`: the entity's, drawn in the format block of the XLSX and the PDF.
    static func render(_ doc: ReportDocument, as format: ReportFormat, logo: Data? = nil) throws -> Data {
        switch format {
        case .xlsx: try XLSXRenderer.render(doc, options: .init(zones: doc.zoneLimits, logo: logo))
        case .pdf: try PDFRenderer.render(doc, options: .init(zones: doc.zoneLimits, logo: logo))
        case .json: try PlanDocument.encoder.encode(doc)
        }
    }

    /// The B-I-007 document of a plan at a round, as XLSX or PDF, with its file name.
    public static func exportPlanReport(id: UUID, round: Int?, format: ReportFormat, on db: Database) async throws -> (Data, String) {
        guard let plan = try await ImprovementPlan.find(id, on: db) else { throw ValidationFailure("No existe el plan \(id).") }
        let snap = try await PlanStore.snapshot(of: plan, on: db)
        if let round, !snap.seguimientos.contains(where: { $0.numero == round }) {
            throw ValidationFailure("El plan no tiene el seguimiento \(round).")
        }
        let logo = try await Entity.find(plan.$entity.id, on: db)?.logoPNG
        return try await withZones(of: plan.$entity.id, on: db) {
            let doc = PlanReport.build(snap, round: round)
            return (try render(doc, as: format, logo: logo), "\(doc.nombreArchivo).\(format.rawValue)")
        }
    }

    /// `vigia export plan ID --format f14 --corte 30/06/2026`: SIRECI's F14.1 of the plan at a semester cut-off, as XLSX.
    public static func exportPlanF14(id: UUID, corte text: String?, on db: Database) async throws -> (Data, String) {
        guard let plan = try await ImprovementPlan.find(id, on: db) else { throw ValidationFailure("No existe el plan \(id).") }
        let corte = try f14Cut(text)
        let snap = try await PlanStore.snapshot(of: plan, on: db)
        let entity = try await Entity.find(plan.$entity.id, on: db)
        return try await withZones(of: plan.$entity.id, on: db) {
            let doc = F14Report.build(snap, corte: corte, formato: entity?.format ?? snap.formato)
            return (try render(doc, as: .xlsx, logo: nil), "\(doc.nombreArchivo).xlsx")
        }
    }

    /// The F14.1's cut-off, as typed: 30/06 or 31/12 of a year (dd/mm/aaaa or aaaa-mm-dd).
    static func f14Cut(_ text: String?) throws -> LocalDate {
        guard let text, !text.trimmed.isEmpty else { throw ValidationFailure("Corte: indique la fecha de corte del semestre (--corte 30/06/aaaa o 31/12/aaaa).") }
        guard let day = LocalDate(dayFirst: text.trimmed) else { throw ValidationFailure("Corte: «\(text)» no es una fecha (dd/mm/aaaa).") }
        guard F14Report.isSemesterCut(day) else { throw ValidationFailure("Corte: el F14.1 se rinde con corte al 30 de junio o al 31 de diciembre, no al \(day.dayFirst).") }
        return day
    }

    public static func exportProgramReport(id: UUID, period: Int, format: ReportFormat, on db: Database) async throws -> (Data, String) {
        guard let program = try await AnticorruptionProgram.find(id, on: db) else { throw ValidationFailure("No existe el programa \(id).") }
        let snap = try await ProgramStore.snapshot(of: program, on: db)
        guard snap.periodos.contains(where: { $0.numero == period }) else { throw ValidationFailure("El programa no tiene el periodo \(period).") }
        let logo = try await Entity.find(program.$entity.id, on: db)?.logoPNG
        return try await withZones(of: program.$entity.id, on: db) {
            let doc = ProgramReport.build(snap, period: period, method: program.metodo)
            return (try render(doc, as: format, logo: logo), "\(doc.nombreArchivo).\(format.rawValue)")
        }
    }

    /// Runs `body` with the entity's semáforo thresholds in effect (the server binds them per
    /// request; the command line per document).
    static func withZones<T: Sendable>(of entityID: UUID, on db: Database, _ body: () async throws -> T) async throws -> T {
        let zones = try await Entity.find(entityID, on: db)?.zones ?? RatingZoneLimits()
        return try await RatingZoneLimits.$current.withValue(zones) { try await body() }
    }
}
