import Testing
@testable import VigiaCore

@Suite("Entity settings typed by the administrador")
struct EntityRulesTests {
    @Test func reminderDays() throws {
        #expect(try EntityRules.reminderDays("5, 15").get() == [15, 5])
        #expect(try EntityRules.reminderDays("30;15 y 5 5").get() == [30, 15, 5])
        #expect(EntityRules.reminderDays("") == .failure(.init("Recordatorios: escriba los días antes del vencimiento, por ejemplo «15, 5».")))
        #expect(EntityRules.reminderDays("15, 0") == .failure(.init("Recordatorios: «0» no es un número de días de 1 a 90.")))
        #expect(EntityRules.reminderDays("99999999999999999999") == .failure(.init("Recordatorios: «99999999999999999999» no es un número de días de 1 a 90.")))
        #expect(EntityRules.reminderDays("1,2,3,4,5,6") == .failure(.init("Recordatorios: a lo sumo cinco avisos.")))
    }

    @Test func maxPlanMonths() throws {
        #expect(try EntityRules.maxPlanMonths(" ").get() == nil)
        #expect(try EntityRules.maxPlanMonths("18").get() == 18)
        #expect(EntityRules.maxPlanMonths("0") == .failure(.init("Plazo máximo: «0» no es un número de meses de 1 a 60 (déjelo vacío si no hay límite).")))
    }

    @Test(arguments: ["", "abc", "12-3", "890.000.123-4'; DROP"])
    func badNIT(text: String) { #expect(EntityRules.nitProblem(text) != nil) }

    @Test func goodNIT() { #expect(EntityRules.nitProblem("890.000.123-4") == nil && EntityRules.nitProblem("800123456") == nil) }

    @Test func zoneLimits() throws {
        #expect(try EntityRules.zoneLimits(lowBelow: "59,5", highFrom: "85 %").get() == RatingZoneLimits(lowBelow: 59.5, highFrom: 85))
        for (low, high) in [("80", "60"), ("70", "70"), ("0", "50"), ("50", "100,5"), ("x", "80"), ("", "80"), ("1e400", "80")] {
            #expect(throws: EntityProblem.self, "\(low) \(high)") { try EntityRules.zoneLimits(lowBelow: low, highFrom: high).get() }
        }
        // The limits in effect decide the word of a % when none are given.
        #expect(RatingZone(percent: 70) == .amarillo)
        RatingZoneLimits.$current.withValue(RatingZoneLimits(lowBelow: 75, highFrom: 90)) {
            #expect(RatingZone(percent: 70) == .rojo && RatingZone(percent: 89.96) == .verde && RatingZone(percent: 89.94) == .amarillo)
        }
    }
}
