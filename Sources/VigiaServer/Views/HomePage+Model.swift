import Fluent
import Foundation
import VigiaCore

/// The home page: next cut-off and publication deadline with business days left, and the
/// plans and programs at a glance; the OCI sees the figures, a responsable its pending actions.
enum HomePage {
    /// Plans drawn in the home page's chart (the most recent ones): more lines could not be told apart.
    static let chartedPlans = 12

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
            /// Plans with a series not drawn: the chart shows the most recent `chartedPlans`.
            var seriesLeftOut = 0
            var waiting: [Waiting]
        }

        enum Section: Sendable, Equatable {
            case oci(Figures)
            case responsable(pending: [PendingAction])
        }

        /// The latest corruption risk map: risks per zone (inherente → residual) and its actions overdue today.
        struct RiskCard: Sendable, Equatable {
            var mapID: UUID
            var vigencia: Int
            var zones: [String]
            var overdue: Int
        }

        var entityName: String?
        var userName: String
        var today: LocalDate
        var deadlines: [Deadline]
        var publications: [PublicationCard]
        var plansSummary: String
        var section: Section
        var riskCard: RiskCard? = nil
    }
}

extension HomePage.Model {
    static func query(on db: Database, user: CurrentUser, today: LocalDate) async throws -> Self {
        let programs = try await ProgramStore.calendars(entityID: user.entityID, on: db)
        let plans = try await PlanDigests.visible(for: user, on: db)
        let section: Section
        if user.role.seesOwnDependencyOnly {
            section = .responsable(pending: try await PlanDigests.pendingActions(for: user, on: db))
        } else {
            let names = try await dependencyNames(user, on: db)
            let grouped = plans.map { DigestedPlan(planID: $0.planID, digest: $0.digest, dependency: $0.dependencyID.flatMap { names[$0] }) }
            let digests = grouped.map(\.digest)
            // Only the charted plans are named: an entity of a thousand plans draws twelve.
            let charted = digests.lazy.filter { !$0.series.isEmpty }
            let series = DashboardFigures.progressSeries(Array(charted.prefix(HomePage.chartedPlans)))
            section = .oci(Figures(states: DashboardFigures.actionsPerState(digests),
                                   byDependency: DashboardFigures.progressByDependency(grouped, today: today),
                                   series: series,
                                   seriesLeftOut: max(0, charted.count - series.count),
                                   waiting: plans.flatMap { p in
                                       p.digest.waiting.map { Waiting(label: "Seguimiento \($0.round) · \(p.digest.unidadAuditable)",
                                                                      planID: p.planID, count: $0.count) }
                                   }))
        }
        return .init(
            entityName: try await PlanListPage.entityName(user, on: db), userName: user.name, today: today,
            deadlines: programs.compactMap { p in
                p.nextDeadline(today: today).map { Deadline(programID: p.id ?? UUID(), program: "\(p.shortName) \(p.vigencia)", period: $0.period,
                                                            businessDaysLeft: $0.businessDaysLeft) }
            },
            publications: try await publicationCards(programs, entityID: user.entityID, today: today, on: db),
            plansSummary: DashboardFigures.behindSummary(plans.map(\.digest)), section: section,
            riskCard: try await riskCard(entityID: user.entityID, today: today, on: db))
    }

    /// The card of the entity's latest risk map (one statement).
    static func riskCard(entityID: UUID, today: LocalDate, on db: Database) async throws -> RiskCard? {
        guard let record = try await RiskMapRecord.query(on: db).filter(\.$entity.$id == entityID).sort(\.$vigencia, .descending).first(),
              let id = record.id, let map = try? record.map() else { return nil }
        return RiskCard(mapID: id, vigencia: map.vigencia, zones: map.risksPerZone.map { "\($0.zone): \($0.inherent) → \($0.residual)" },
                        overdue: map.overdueActions(today: today))
    }

    /// The names of the entity's dependencias.
    static func dependencyNames(_ user: CurrentUser, on db: Database) async throws -> [UUID: String] {
        Dictionary(try await Dependency.query(on: db).filter(\.$entity.$id == user.entityID).all()
            .compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The user's plans with their snapshots and latest evaluation, each with the name of its
    /// Dependency (the Acciones page lists every action, so it reads the whole plans).
    /// Every visible plan with its evaluation, newest first: the ids and revisions in one light
    /// statement, the snapshots and evaluations from their caches while the plans are unchanged.
    static func dashboardPlans(for user: CurrentUser, on db: Database) async throws -> [DashboardPlan] {
        let names = try await dependencyNames(user, on: db)
        let plans = try await PlanDigests.visibleRevisions(for: user, on: db)
        let cache = db.inTransaction ? nil : planEvaluationCache
        return zip(plans, try await PlanStore.snapshots(ids: plans.map(\.id), on: db)).map { plan, snapshot in
            let evaluation = cache?.get(plan.id, revision: plan.revision) ?? {
                let computed = PlanEvaluator.current(snapshot)
                cache?.put(plan.id, revision: plan.revision, computed)
                return computed
            }()
            return DashboardPlan(snapshot: snapshot, evaluation: evaluation, dependency: plan.dependencyID.flatMap { names[$0] })
        }
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
