import Fluent
import Foundation
import VigiaCore

/// The home page: next cut-off and publication deadline with business days left, and the
/// plans and programs at a glance; the OCI sees the figures, a responsable its pending actions.
enum HomePage {
    struct Model: Sendable {
        struct Deadline: Sendable, Equatable {
            var programID: UUID
            /// "PAAC 2026", "PTEP 2027".
            var program: String
            var period: PeriodSnapshot
            var businessDaysLeft: Int
        }

        /// The publication of each period of one program: “Primer cuatrimestre: límite … · publicado el …, a tiempo”.
        struct PublicationCard: Sendable, Equatable {
            var vigencia: Int
            var lines: [String]
        }

        struct Waiting: Sendable, Equatable {
            var label: String
            var planID: UUID
            var count: Int
        }

        struct Figures: Sendable, Equatable {
            var states: [StateCount]
            var byDependency: [DependencyProgress]
            var series: [ProgressSeries]
            var waiting: [Waiting]
        }

        enum Section: Sendable, Equatable {
            case oci(Figures)
            case responsable(pending: [PendingAction])
        }

        var entityName: String?
        var userName: String
        var today: LocalDate
        var deadlines: [Deadline]
        var publications: [PublicationCard]
        var plansSummary: String
        var section: Section
    }
}

extension HomePage.Model {
    static func query(on db: Database, user: CurrentUser, today: LocalDate) async throws -> Self {
        var programs: [ProgramSnapshot] = []
        for p in try await AnticorruptionProgram.query(on: db).filter(\.$entity.$id == user.entityID).all() {
            programs.append(try await ProgramStore.snapshot(of: p, on: db))
        }
        let plans = try await dashboardPlans(for: user, on: db)
        let section: Section = user.role.seesOwnDependencyOnly
            ? .responsable(pending: DashboardFigures.pendingActions(plans))
            : .oci(Figures(states: DashboardFigures.actionsPerState(plans.map(\.evaluation)),
                           byDependency: DashboardFigures.progressByDependency(plans, today: today),
                           series: DashboardFigures.progressSeries(plans), waiting: try await waiting(plans.map(\.snapshot), on: db)))
        return .init(
            entityName: try await PlanListPage.entityName(user, on: db), userName: user.name, today: today,
            deadlines: programs.compactMap { p in
                p.nextDeadline(today: today).map { Deadline(programID: p.id ?? UUID(), program: "\(p.shortName) \(p.vigencia)", period: $0.period,
                                                            businessDaysLeft: $0.businessDaysLeft) }
            },
            publications: try await publicationCards(programs, entityID: user.entityID, today: today, on: db),
            plansSummary: DashboardFigures.behindSummary(plans.map(\.evaluation)), section: section)
    }

    /// The user's plans, each with the name of its Dependency.
    static func dashboardPlans(for user: CurrentUser, on db: Database) async throws -> [DashboardPlan] {
        let names = Dictionary(try await Dependency.query(on: db).filter(\.$entity.$id == user.entityID).all()
            .compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
        return try await PlanListPage.evaluatedPlans(for: user, on: db).map {
            DashboardPlan(snapshot: $0.snapshot, evaluation: $0.evaluation, dependency: $0.dependencyID.flatMap { names[$0] })
        }
    }

    /// Open rounds with autoreportes the OCI has not graded yet.
    static func waiting(_ plans: [PlanSnapshot], on db: Database) async throws -> [Waiting] {
        var out: [Waiting] = []
        // One query for every open round's reports, whatever the number of plans.
        let open = plans.flatMap { s in s.seguimientos.filter { $0.estado == .borrador }.compactMap(\.id) }
        let byRound = open.isEmpty ? [:] : Dictionary(grouping: try await ProgressReport.query(on: db).filter(\.$round.$id ~~ open).all(),
                                                      by: { $0.$round.id })
        for s in plans {
            for r in s.seguimientos where r.estado == .borrador {
                guard let roundID = r.id, let planID = s.id else { continue }
                let reports = byRound[roundID] ?? []
                let ungraded = reports.filter { rep in
                    guard let ref = rep.$action.id.flatMap({ NotificationService.ref(of: $0, in: s) }) else { return false }
                    return !r.isGraded(ref)
                }
                if !ungraded.isEmpty { out.append(Waiting(label: "Seguimiento \(r.numero) · \(s.unidadAuditable)", planID: planID, count: ungraded.count)) }
            }
        }
        return out
    }

    static func publicationCards(_ programs: [ProgramSnapshot], entityID: UUID, today: LocalDate,
                                 on db: Database) async throws -> [PublicationCard] {
        let publications = try await Publication.query(on: db).filter(\.$entity.$id == entityID)
            .filter(\.$kind == .program).summaryFields().all()
        return programs.map { p in
            PublicationCard(vigencia: p.vigencia, lines: p.periodos.map { period in
                let first = publications.filter { $0.programID == p.id && $0.numero == period.numero }.min { $0.version < $1.version }
                let status = first.map { "publicado el \($0.publishedOn.dayFirst), " + ($0.timing.label ?? "sin plazo legal") }
                    ?? (period.fechaLimitePublicacion < today ? "sin publicar, plazo vencido" : "sin publicar")
                return "\(period.nombre.capitalized): límite \(period.fechaLimitePublicacion.dayFirst) · \(status)"
            })
        }
    }
}
