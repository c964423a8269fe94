import Testing
@testable import VigiaCore

@Suite("% de hallazgo and % del plan")
struct ProgressAggregationTests {
    @Test func meanOfGradedActions() {
        // MUT
        let figure = ProgressAggregation.findingPercent(
            [.init(percent: 100), .init(percent: 50), .init(percent: 0), .init(percent: nil)], method: .mean)
        // validate
        #expect(figure.porcentaje == 50)
        #expect(figure.calificadas == 3)
        #expect(figure.total == 4)
        #expect(figure.metodo == .mean)
    }

    @Test func noActionsGiveNoFigure() {
        let figure = ProgressAggregation.findingPercent([], method: .mean)
        #expect(figure.porcentaje == nil)
        #expect(figure.total == 0)
    }

    @Test func allBlankGivesNoFigure() {
        let figure = ProgressAggregation.findingPercent([.init(percent: nil), .init(percent: nil)], method: .mean)
        #expect(figure.porcentaje == nil)
        #expect(figure.calificadas == 0)
    }

    @Test func aZeroPercentActionCountsAsZeroNotBlank() {
        let figure = ProgressAggregation.findingPercent([.init(percent: 0), .init(percent: 80)], method: .mean)
        #expect(figure.porcentaje == 40)
        #expect(figure.calificadas == 2)
    }

    @Test func weightedByMetaQuantity() {
        let figure = ProgressAggregation.findingPercent(
            [.init(percent: 100, metaQuantity: 3), .init(percent: 0, metaQuantity: 1)], method: .weightedByMetaQuantity)
        #expect(figure.porcentaje == 75)
        #expect(figure.metodo == .weightedByMetaQuantity)
    }

    @Test func weightedWithoutQuantitiesWeighsOneEach() {
        let figure = ProgressAggregation.findingPercent(
            [.init(percent: 100), .init(percent: 0, metaQuantity: nil)], method: .weightedByMetaQuantity)
        #expect(figure.porcentaje == 50)
    }

    @Test func planIsMeanOfFindingsWithAFigure() {
        let findings = [
            ProgressFigure(porcentaje: 100, metodo: .mean, calificadas: 2, total: 2),
            ProgressFigure(porcentaje: 40, metodo: .mean, calificadas: 1, total: 3),
            ProgressFigure(porcentaje: nil, metodo: .mean, calificadas: 0, total: 1),
        ]
        let plan = ProgressAggregation.planPercent(findings, method: .mean)
        #expect(plan.porcentaje == 70)
        #expect(plan.calificadas == 2)
        #expect(plan.total == 3)
        #expect(ProgressAggregation.planPercent([], method: .mean).porcentaje == nil)
    }

    @Test func trafficLightZones() {
        #expect(RatingZone(percent: 59.94) == .rojo)
        #expect(RatingZone(percent: 59.96) == .amarillo)
        #expect(RatingZone(percent: 79.9) == .amarillo)
        #expect(RatingZone(percent: 80) == .verde)
        #expect(RatingZone(percent: nil) == .sinDato)
        #expect(RatingZone(percent: 0).label == "Baja")
    }
}
