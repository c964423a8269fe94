import Fluent
import Foundation
import Plot
import Vapor
import VigiaCore

/// «Mapa de riesgos de corrupción»: the entity's maps, and one map in a period — its heat maps
/// (inherent and residual, side by side, a count per cell, each cell a link to its risks), the
/// same figures as tables, every risk with its controls and actions, the materialised risks and
/// the checks.
enum RiskMapPage {
    struct ListRow: Sendable, Equatable {
        var id: UUID
        var vigencia: Int
        var methodology: String
        var risks: Int
    }

    /// One cell of a heat map, when the page shows only its risks.
    struct Cell: Sendable, Equatable {
        var residual: Bool
        var probabilidad: Int
        var impacto: Int

        init?(_ text: String?) {
            let parts = (text ?? "").split(separator: "-").map(String.init)
            guard parts.count == 3, parts[0] == "inherente" || parts[0] == "residual", let p = Int(parts[1]), let i = Int(parts[2]),
                  (0..<10).contains(p), (0..<10).contains(i) else { return nil }
            residual = parts[0] == "residual"; probabilidad = p; impacto = i
        }

        var text: String { "\(residual ? "residual" : "inherente")-\(probabilidad)-\(impacto)" }
    }

    struct Model: Sendable, Equatable {
        var id: UUID
        var report: RiskMapReport
        var cell: Cell?
        /// The responsables' monitoreo of the period, by "riesgo-acción".
        var monitoring: [String: ProgressReportViews.Report] = [:]
        /// The actions ("riesgo-acción") the signed-in responsable reports on.
        var mine: Set<String> = []
        /// Only the risks of this proceso (`?proceso=`), as typed.
        var process: String? = nil

        var map: RiskMap { report.mapa }
        var shown: [Risk] {
            let byProcess = process.map { p in map.riesgos.filter { ($0.proceso.trimmed.isEmpty ? "Sin proceso" : $0.proceso.trimmed).folded == p.folded } } ?? map.riesgos
            guard let cell else { return byProcess }
            let m = map.metodologia
            return byProcess.filter { r in
                let rating = cell.residual ? r.residual(m) : r.inherente
                return rating.probabilidad == cell.probabilidad && rating.impacto == cell.impacto
            }
        }
    }

    static let title = "Mapa de riesgos de corrupción"

    static func list(entityID: UUID, on db: Database) async throws -> [ListRow] {
        try await RiskMapRecord.query(on: db).filter(\.$entity.$id == entityID).sort(\.$vigencia, .descending).all().compactMap { r in
            guard let id = r.id, let map = try? r.map() else { return nil }
            return ListRow(id: id, vigencia: r.vigencia, methodology: map.metodologia.nombre, risks: map.riesgos.count)
        }
    }

    /// The map `id` of the user's entity (404 for any other), in `period` (the latest with grades when nil).
    static func query(_ id: UUID, entityID: UUID, period: Int?, cell: Cell?, on db: Database) async throws -> Model {
        guard let record = try await RiskMapRecord.query(on: db).filter(\.$id == id).filter(\.$entity.$id == entityID).first(),
              let map = try? record.map() else {
            throw Abort(.notFound, reason: "No existe el mapa de riesgos solicitado o usted no tiene acceso a él.")
        }
        if let period, !map.periodos.contains(where: { $0.numero == period }) {
            throw Abort(.notFound, reason: "El mapa de riesgos \(map.vigencia) no tiene el periodo \(period).")
        }
        let graded = map.periodos.map(\.numero).filter { n in map.riesgos.contains { $0.acciones.contains { $0.followUp(n) != nil } } }
        let chosen = period ?? graded.last ?? map.periodos.first?.numero ?? 1
        return Model(id: id, report: RiskMapReport(map, period: chosen), cell: cell)
    }

    /// The period's monitoreo reports, and the actions `user` reports on (a responsable of their dependencia).
    static func withMonitoring(_ model: Model, user: CurrentUser, on db: Database) async throws -> Model {
        var out = model
        let reports = try await ProgressReport.query(on: db).filter(\.$entity.$id == user.entityID).filter(\.$kind == .riskMonitoring)
            .filter(\.$riskMapID == model.id).filter(\.$periodo == model.report.periodo).all()
        for r in reports { if let n = r.riskNumero, let k = r.riskAccion { out.monitoring["\(n)-\(k)"] = ProgressReportViews.Report(r) } }
        if user.role == .responsable, let dependency = user.dependencyID {
            out.mine = Set(model.map.actions(of: dependency).map { "\($0.risk.numero)-\($0.position)" })
        }
        return out
    }

    static func path(_ id: UUID, period: Int, cell: Cell? = nil) -> String {
        SiteURL.riskMap(.value(id)).path + "?periodo=\(period)" + (cell.map { "&celda=\($0.text)#riesgos" } ?? "")
    }
}

