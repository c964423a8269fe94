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
    static func render(_ doc: ReportDocument, as format: ReportFormat) throws -> Data {
        switch format {
        case .xlsx: try XLSXRenderer.render(doc)
        case .pdf: try PDFRenderer.render(doc)
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
        let doc = PlanReport.build(snap, round: round)
        return (try render(doc, as: format), "\(doc.nombreArchivo).\(format.rawValue)")
    }

    public static func exportProgramReport(id: UUID, period: Int, format: ReportFormat, on db: Database) async throws -> (Data, String) {
        guard let program = try await AnticorruptionProgram.find(id, on: db) else { throw ValidationFailure("No existe el programa \(id).") }
        let snap = try await ProgramStore.snapshot(of: program, on: db)
        guard snap.periodos.contains(where: { $0.numero == period }) else { throw ValidationFailure("El programa no tiene el periodo \(period).") }
        let doc = ProgramReport.build(snap, period: period, method: program.metodo)
        return (try render(doc, as: format), "\(doc.nombreArchivo).\(format.rawValue)")
    }
}
