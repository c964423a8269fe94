import Foundation
import Testing
@testable import VigiaCore

@Suite("What a finding, an action and a plan need before they are saved")
struct FormulationRulesTests {
    static let start = LocalDate(year: 2026, month: 1, day: 15)!
    static let valid = ActionSnapshot(descripcion: "Ajustar el procedimiento", responsable: "Tesorería", fechaInicial: start,
                                      fechaFinal: start, meta: "1 procedimiento", indicador: "Procedimiento adoptado")

    @Test func aCompleteActionPasses() {
        #expect(FormulationRules.problems(of: Self.valid).isEmpty)
    }

    /// Each missing piece is refused, keyed by its field; a dependencia stands for the responsable.
    @Test func eachMissingPieceIsNamed() {
        var a = Self.valid
        a.descripcion = " "; a.responsable = ""; a.fechaInicial = nil; a.fechaFinal = nil; a.meta = ""; a.indicador = ""
        let problems = FormulationRules.problems(of: a)
        #expect(Set(problems.keys) == ["descripcion", "responsable", "fechaInicial", "fechaFinal", "meta", "indicador"])
        a.dependencias = ["Tesorería"]
        #expect(FormulationRules.problems(of: a)["responsable"] == nil)
    }

    /// The same day is allowed; the day before is not.
    @Test func theEndMayNotComeBeforeTheStart() {
        var a = Self.valid
        a.fechaFinal = Self.start
        #expect(FormulationRules.problems(of: a).isEmpty)
        a.fechaFinal = Self.start.adding(days: -1)
        #expect(FormulationRules.problems(of: a) == ["fechaFinal": "La fecha final es anterior a la fecha inicial."])
    }

    @Test(arguments: [-1.0, .nan, .infinity]) func aQuantityMustBeANumberFromZero(_ q: Double) {
        var a = Self.valid
        a.metaCantidad = q
        #expect(FormulationRules.problems(of: a)["metaCantidad"] != nil)
        a.metaCantidad = 0
        #expect(FormulationRules.problems(of: a).isEmpty)
    }

    @Test func aFindingNeedsANumberAboveZeroAndADescription() {
        #expect(FormulationRules.problems(of: FindingSnapshot(numero: 1, descripcion: "x")).isEmpty)
        #expect(Set(FormulationRules.problems(of: FindingSnapshot(numero: 0, descripcion: "")).keys) == ["numero", "descripcion"])
    }

    @Test func aWholePlanRefusesRepeatedFindingsAndPercentagesOutOfRange() {
        var plan = PlanSnapshot(hallazgos: [FindingSnapshot(numero: 1, descripcion: "a"), FindingSnapshot(numero: 1, descripcion: "b")])
        plan.seguimientos = [RoundSnapshot(numero: 1, calificaciones: [GradeSnapshot(accion: ActionRef(hallazgo: 0, accion: 0), porcentaje: 100.5)])]
        let problems = FormulationRules.problems(of: plan)
        #expect(problems["hallazgos"] == "Hay números de hallazgo repetidos.")
        #expect(problems["seguimientos[1].porcentaje"]?.contains("entre 0 y 100") == true)
        plan.seguimientos[0].calificaciones[0].porcentaje = 100
        plan.hallazgos[1].numero = 2
        #expect(FormulationRules.problems(of: plan).isEmpty)
    }
}

@Suite("A progress report is open inside its window until graded or published")
struct ProgressReportRulesTests {
    static let subject = ProgressReportRules.Subject(report: "el monitoreo", item: "esta actividad", round: "el tercer cuatrimestre 2026")
    static let day = LocalDate(year: 2026, month: 11, day: 21)!

    @Test func gradedFirstThenPublishedThenTheWindow() {
        let shut = ReportingWindow(from: nil, until: Self.day.adding(days: -1))
        #expect(ProgressReportRules.refusal(graded: true, published: true, window: shut, on: Self.day, subject: Self.subject)
                == "La OCI ya calificó esta actividad en el tercer cuatrimestre 2026: el monitoreo quedó cerrado.")
        #expect(ProgressReportRules.refusal(graded: false, published: true, window: shut, on: Self.day, subject: Self.subject)
                == "El tercer cuatrimestre 2026 ya está publicado.")
        #expect(ProgressReportRules.refusal(graded: false, published: false, window: shut, on: Self.day, subject: Self.subject)
                == "El periodo de monitoreo del tercer cuatrimestre 2026 cerró el 20/11/2026.")
        let open = ReportingWindow(from: Self.day, until: Self.day)
        #expect(ProgressReportRules.refusal(graded: false, published: false, window: open, on: Self.day, subject: Self.subject) == nil)
    }
}
