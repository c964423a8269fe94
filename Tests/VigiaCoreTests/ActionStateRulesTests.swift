import Testing
@testable import VigiaCore

private func d(_ text: String) -> LocalDate { LocalDate(dayFirst: text)! }

@Suite("Suggested action and finding states at the cut-off")
struct ActionStateRulesTests {
    let start = d("01/02/2025"), end = d("30/06/2025")

    func state(_ percent: Double?, _ cutOff: String?, closing: Bool = false) -> ActionState? {
        ActionStateRules.suggested(percent: percent, fechaInicial: start, fechaFinal: end,
                                   cutOff: cutOff.map(d), closing: closing)
    }

    @Test func beforeTheStartWithNothingDoneIsSinIniciar() {
        #expect(state(nil, "31/01/2025") == .sinIniciar)
        #expect(state(0, "31/01/2025") == .sinIniciar)
    }

    @Test func onTheStartDayItIsEnEjecucion() {
        #expect(state(0, "01/02/2025") == .enEjecucion)
    }

    @Test func onTheLastDayBelow100ItIsStillEnEjecucion() {
        #expect(state(90, "30/06/2025") == .enEjecucion)
    }

    @Test func theDayAfterTheEndBelow100ItIsVencida() {
        #expect(state(90, "01/07/2025") == .vencida)
        #expect(state(nil, "01/07/2025") == .vencida)
    }

    @Test func hundredPercentIsCumplidaWhateverTheDate() {
        #expect(state(100, "15/01/2025") == .cumplida)
        #expect(state(100, "01/12/2025") == .cumplida)
    }

    @Test func theClosingRoundMakesUnfinishedActionsIncumplida() {
        #expect(state(60, "01/12/2025", closing: true) == .incumplida)
        #expect(state(100, "01/12/2025", closing: true) == .cumplida)
    }

    @Test func noCutOffNoSuggestion() {
        #expect(state(40, nil) == nil)
    }

    @Test func findingClosesOnlyThroughAReviewThatClosesIt() {
        func review(_ decision: ReviewDecision) -> FindingReviewSnapshot {
            FindingReviewSnapshot(fecha: d("15/01/2027"), criterios: "x", eficacia: .eficaz, efectividad: .efectiva, decision: decision)
        }
        #expect(ActionStateRules.findingState(review: nil) == .abierto)
        #expect(ActionStateRules.findingState(review: review(.cerrar)) == .cerrado)
        #expect(ActionStateRules.findingState(review: review(.mantenerAbierto)) == .abierto)
        #expect(ActionStateRules.findingState(review: review(.reformular)) == .abierto)
    }

    @Test func anOverrideNeedsAJustificationAndClosedNeeds100() {
        #expect(ActionStateRules.overrideProblem(.cumplida, suggested: .cumplida, percent: 100, justification: "") == nil)
        #expect(ActionStateRules.overrideProblem(.incumplida, suggested: .vencida, percent: 40, justification: "")?
            .contains("estado sugerido (VENCIDA) por INCUMPLIDA") == true)
        #expect(ActionStateRules.overrideProblem(.incumplida, suggested: .vencida, percent: 40, justification: "Cierre del plan") == nil)
        // CERRADA and REFORMULADA are never picked by hand: the review and the approved reformulation set them.
        #expect(ActionStateRules.overrideProblem(.cerrada, suggested: .cumplida, percent: 100, justification: "Efectiva")?
            .contains("revisión de eficacia y efectividad") == true)
        #expect(ActionStateRules.overrideProblem(.reformulada, suggested: .vencida, percent: 40, justification: "x")?
            .contains("se aprueba su reformulación") == true)
    }

    @Test func readsStatesAsPeopleWriteThem() {
        #expect(ActionState(text: "CERRADO") == .cerrada)
        #expect(ActionState(text: "en ejecucion") == .enEjecucion)
        #expect(ActionState(text: "En Ejecución") == .enEjecucion)
        #expect(ActionState(text: "Reformulada") == .reformulada)
        #expect(ActionState(text: "listo") == nil)
    }
}

@Suite("Expected progress, atrasada and plazo en semanas")
struct ScheduleTests {
    @Test func expectedProgressIsTheShareOfTimeElapsed() {
        let s = d("01/01/2025"), e = d("10/01/2025")
        #expect(Schedule.expectedProgress(fechaInicial: s, fechaFinal: e, at: d("31/12/2024")) == 0)
        #expect(Schedule.expectedProgress(fechaInicial: s, fechaFinal: e, at: d("05/01/2025")) == 50)
        #expect(Schedule.expectedProgress(fechaInicial: s, fechaFinal: e, at: d("10/01/2025")) == 100)
        #expect(Schedule.expectedProgress(fechaInicial: s, fechaFinal: e, at: d("11/02/2025")) == 100)
        #expect(Schedule.expectedProgress(fechaInicial: e, fechaFinal: s, at: d("05/01/2025")) == nil)
        #expect(Schedule.expectedProgress(fechaInicial: nil, fechaFinal: e, at: d("05/01/2025")) == nil)
    }

    @Test func atrasadaWhenTheGradeTrailsTheExpectation() {
        #expect(Schedule.isBehind(percent: 30, expected: 50))
        #expect(!Schedule.isBehind(percent: 50, expected: 50))
        #expect(!Schedule.isBehind(percent: nil, expected: 50))
        #expect(!Schedule.isBehind(percent: 100, expected: 100))
        #expect(Schedule.isBehind(percent: 0, expected: 100))
    }

    @Test func plazoEnSemanas() {
        #expect(Schedule.weeks(fechaInicial: d("04/01/2025"), fechaFinal: d("01/02/2025")) == 4)
        #expect(Schedule.weeks(fechaInicial: d("04/01/2025"), fechaFinal: d("04/01/2025")) == 0)
        #expect(Schedule.weeks(fechaInicial: nil, fechaFinal: d("04/01/2025")) == nil)
        let w = Schedule.weeks(fechaInicial: d("4/01/2025"), fechaFinal: d("30/12/2025"))!
        #expect(abs(w - 51.428571) < 0.0001)
    }
}

@Suite("Overdue")
struct OverdueTests {
    @Test func pastTheFechaFinalBelow100() {
        let end = LocalDate(iso: "2026-06-30")!
        #expect(!Schedule.isOverdue(percent: 50, fechaFinal: end, at: end))
        #expect(Schedule.isOverdue(percent: 50, fechaFinal: end, at: end.adding(days: 1)))
        #expect(Schedule.isOverdue(percent: nil, fechaFinal: end, at: end.adding(days: 1)))
        #expect(!Schedule.isOverdue(percent: 100, fechaFinal: end, at: end.adding(days: 1)))
        #expect(!Schedule.isOverdue(percent: 0, fechaFinal: nil, at: end))
    }
}
