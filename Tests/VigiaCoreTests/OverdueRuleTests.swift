import Foundation
import Testing
@testable import VigiaCore

/// One rule for “vencida” in plans and programs: past the fecha final (not on it), below 100 %,
/// an ungraded item counting as not done; an activity that does not apply is never overdue.
@Suite("Overdue: one rule for plan actions and program activities")
struct OverdueRuleTests {
    static let fechaFinal = LocalDate(year: 2026, month: 6, day: 30)!
    static let dayOf = fechaFinal, dayAfter = fechaFinal.adding(days: 1)

    enum Grade: Sendable, CustomStringConvertible {
        case percent(Double), ungraded, notApplicable
        var description: String {
            switch self {
            case .percent(let p): "\(p) %"
            case .ungraded: "sin calificar"
            case .notApplicable: "N/A"
            }
        }
    }

    static let cases: [(Grade, LocalDate, Bool)] = [
        (.percent(50), dayOf, false), (.percent(50), dayAfter, true),
        (.ungraded, dayOf, false), (.ungraded, dayAfter, true),
        (.percent(0), dayAfter, true), (.percent(99.9), dayAfter, true),
        (.percent(100), dayOf, false), (.percent(100), dayAfter, false),
        (.notApplicable, dayAfter, false),
    ]

    @Test(arguments: cases)
    func aPlanActionAndAProgramActivityAgree(_ grade: Grade, _ day: LocalDate, _ overdue: Bool) {
        // setup
        var followUp = ActivityFollowUpSnapshot(periodo: 1)
        var percent: Double? = nil
        switch grade {
        case .percent(let p): percent = p; followUp.porcentaje = p; followUp.evidencias = ["https://x.gov.co/e"]
        case .ungraded: break
        case .notApplicable: followUp.noAplica = true
        }
        let activity = ActivitySnapshot(actividad: "Publicar el informe", meta: "1 informe", responsables: "Planeación",
                                        fechaProgramada: .date(Self.fechaFinal), seguimientos: [followUp])
        let program = ProgramSnapshot(vigencia: 2026, componentes: [ComponentSnapshot(numero: 1, nombre: "Riesgos", actividades: [activity])])
        // MUT
        let checks = ProgramChecks.run(program, period: 1, asOf: day).filter { $0.codigo == "vencida" }
        // validate
        if case .notApplicable = grade {} else {
            #expect(Schedule.isOverdue(percent: percent, fechaFinal: Self.fechaFinal, at: day) == overdue)
        }
        #expect(checks.count == (overdue ? 1 : 0))
    }

    @Test func theProgramMessageSaysWhetherThereIsAPercent() {
        let graded = ActivitySnapshot(actividad: "A", meta: "M", responsables: "R", fechaProgramada: .date(Self.fechaFinal),
                                      seguimientos: [ActivityFollowUpSnapshot(periodo: 1, porcentaje: 40, evidencias: ["https://x.gov.co"])])
        let ungraded = ActivitySnapshot(actividad: "B", meta: "M", responsables: "R", fechaProgramada: .date(Self.fechaFinal))
        let program = ProgramSnapshot(vigencia: 2026, componentes: [ComponentSnapshot(numero: 3, nombre: "C", actividades: [graded, ungraded])])
        let messages = ProgramChecks.run(program, period: 1, asOf: Self.dayAfter).filter { $0.codigo == "vencida" }.map(\.mensaje)
        #expect(messages == [
            "Componente 3, actividad 1: la fecha programada (30/06/2026) ya pasó y el avance es 40 %.",
            "Componente 3, actividad 2: la fecha programada (30/06/2026) ya pasó y no tiene % de avance en este seguimiento.",
        ])
    }

    @Test func anActivityWhoseSubItemsAreAllNotApplicableDoesNotApply() {
        let na = ActivitySnapshot(actividad: "x", seguimientos: [ActivityFollowUpSnapshot(periodo: 1, noAplica: true)])
        let open = ActivitySnapshot(actividad: "y")
        #expect(!ProgramEvaluator.applies(ActivitySnapshot(actividad: "P:", subitems: [na, na]), period: 1))
        #expect(ProgramEvaluator.applies(ActivitySnapshot(actividad: "P:", subitems: [na, open]), period: 1))
        #expect(ProgramEvaluator.applies(open, period: 1))
        #expect(ProgramEvaluator.applies(na, period: 2))
    }
}
