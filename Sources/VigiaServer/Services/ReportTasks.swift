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
