import Fluent
import Foundation
import Vapor
import VigiaCore

/// The program by component and subcomponente at one period, with each period's % and
/// publication, and what the user may do.
enum ProgramPage {
    struct Model: Sendable {
        struct PeriodRow: Sendable, Equatable {
            var numero: Int
            var nombre: String
            var fechaCorte: LocalDate
            var fechaLimitePublicacion: LocalDate
            /// “Publicado el … · a tiempo”, “Sin publicar · faltan 3 días hábiles”…
            var publication: String
            var percent: Double?
            /// When the responsables may send their monitoreo ("Se reciben reportes del … al …"), empty without limits.
            var monitoringWindow: String = ""
        }

        var id: UUID
        var status: ProgramStatus
        var document: ProgramDocument
        var period: Int
        var periods: [PeriodRow]
        /// Activities of the user's dependency (a responsable's).
        var mine: Set<UUID>
        var canFollowUp: Bool
        var canMonitor: Bool
        var canFormulate: Bool
        var periodPublished: Bool
        var publications: [PublicationSummary]
        /// Component 1 is the mapa de riesgos de corrupción: the map of the same vigencia, at this period's cut-off.
        var riskMap: RiskMapLink? = nil

        var program: ProgramSnapshot { document.programa }
    }
}

extension ProgramPage.Model {
    /// `program` is the user's entity's; `period` nil means the latest graded one (or the first).
    struct RiskMapLink: Sendable, Equatable {
        var id: UUID
        var vigencia: Int
        var periodo: Int
        var fechaCorte: LocalDate
        var porcentaje: Double?
        var riesgos: Int
        /// The map's actions that carry out each activity: «riesgo 2, acción 1 · 60 %».
        var actionsByActivity: [UUID: [String]] = [:]
    }

    /// The entity's map of the program's vigencia, in the map period with the same cut-off as `period`.
    static func riskMapLink(entityID: UUID, vigencia: Int, cut: LocalDate?, on db: Database) async throws -> RiskMapLink? {
        guard let cut, let record = try await RiskMapRecord.query(on: db).filter(\.$entity.$id == entityID).filter(\.$vigencia == vigencia).first(),
              let id = record.id, let map = try? record.map(), let p = map.periodos.first(where: { $0.fechaCorte == cut }) else { return nil }
        var byActivity: [UUID: [String]] = [:]
        for r in map.riesgos {
            for (k, a) in r.acciones.enumerated() {
                guard let activity = a.plan.actividadPrograma else { continue }
                byActivity[activity, default: []].append("riesgo \(r.numero), acción \(k + 1) · \(SpanishFormat.percent(a.followUp(p.numero)?.porcentaje))")
            }
        }
        return RiskMapLink(id: id, vigencia: map.vigencia, periodo: p.numero, fechaCorte: cut,
                           porcentaje: RiskMapEvaluation(map, period: p.numero).porcentaje, riesgos: map.riesgos.count, actionsByActivity: byActivity)
    }

    static func query(on db: Database, user: CurrentUser, today: LocalDate, program: AnticorruptionProgram,
                      period requested: Int?) async throws -> Self {
        let snap = try await ProgramStore.snapshot(of: program, on: db)
        let period = requested ?? snap.latestGradedPeriod ?? 1
        guard snap.periodos.contains(where: { $0.numero == period }) else {
            throw Abort(.notFound, reason: "El programa no tiene el periodo \(period).")
        }
        let programID = try program.requireID()
        let mine = user.role.seesOwnDependencyOnly ? try await ProgramAccess.activityIDs(of: user, on: db) : []
        let stored = try await FollowUpPeriod.query(on: db).filter(\.$program.$id == programID).all()
        let publications = try await Publication.query(on: db).filter(\.$programID == programID).summaryFields()
            .sort(\.$numero).sort(\.$version).all().map(PublicationSummary.init)
        let periods = snap.periodos.map { p in
            PeriodRow(numero: p.numero, nombre: p.nombre, fechaCorte: p.fechaCorte, fechaLimitePublicacion: p.fechaLimitePublicacion,
                      publication: publicationText(p, publications, today: today),
                      percent: ProgramEvaluator.evaluate(snap, period: p.numero, method: program.metodo).porcentaje,
                      monitoringWindow: stored.first { $0.numero == p.numero }?.reportingWindow.summary ?? "")
        }
        return .init(id: programID, status: program.estado ?? .enSeguimiento,
                     document: ProgramDocument(program: snap, period: period, method: program.metodo), period: period,
                     periods: periods, mine: mine, canFollowUp: ProgramPermissions.canFollowUp(role: user.role),
                     canMonitor: ProgramPermissions.canMonitor(role: user.role, hasDependency: user.dependencyID != nil) && !mine.isEmpty,
                     canFormulate: ProgramPermissions.canFormulate(role: user.role),
                     periodPublished: stored.contains { $0.numero == period && $0.estado == .publicado }, publications: publications,
                     riskMap: try await riskMapLink(entityID: user.entityID, vigencia: snap.vigencia,
                                                    cut: snap.periodos.first { $0.numero == period }?.fechaCorte, on: db))
    }

    static func publicationText(_ period: PeriodSnapshot, _ publications: [PublicationSummary], today: LocalDate) -> String {
        let left = ColombianCalendar.businessDays(from: today, to: period.fechaLimitePublicacion)
        let first = publications.filter { $0.numero == period.numero }.min { $0.version < $1.version }
        return first.map { "Publicado el \($0.publishedOn.dayFirst) · " + ($0.timing.label ?? "sin plazo legal") }
            ?? (left > 0 ? "Sin publicar · faltan \(left) días hábiles"
                : (left == 0 ? "Sin publicar · vence hoy" : "Sin publicar · plazo vencido hace \(-left) días hábiles"))
    }
}
