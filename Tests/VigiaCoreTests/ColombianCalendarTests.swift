import Foundation
import Testing
@testable import VigiaCore

private func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

@Suite("Colombian holidays and business days")
struct ColombianCalendarTests {
    @Test(arguments: [(2021, "2021-04-04"), (2023, "2023-04-09"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05")])
    func easter(year: Int, expected: String) {
        #expect(ColombianCalendar.easter(year) == d(expected))
    }

    /// The check values of domain.md: the 10th business day, last day to publish.
    @Test(arguments: [
        (2021, "2021-05-14", "2021-09-14", "2021-01-18"), (2023, "2023-05-15", "2023-09-14", "2023-01-16"),
        (2024, "2024-05-16", "2024-09-13", "2024-01-16"), (2025, "2025-05-15", "2025-09-12", "2025-01-16"),
        (2026, "2026-05-15", "2026-09-14", "2026-01-16"),
    ])
    func tenthBusinessDay(year: Int, may: String, september: String, january: String) {
        #expect(ColombianCalendar.businessDay(10, month: 5, year: year) == d(may))
        #expect(ColombianCalendar.businessDay(10, month: 9, year: year) == d(september))
        #expect(ColombianCalendar.businessDay(10, month: 1, year: year) == d(january))
        #expect(ColombianCalendar.publicationDeadline(cutOff: LocalDate(year: year, month: 4, day: 30)!) == d(may))
        #expect(ColombianCalendar.publicationDeadline(cutOff: LocalDate(year: year, month: 8, day: 31)!) == d(september))
        #expect(ColombianCalendar.publicationDeadline(cutOff: LocalDate(year: year - 1, month: 12, day: 31)!) == d(january))
    }

    @Test func twoHolidaysOnOneDate() {
        let june30 = ColombianCalendar.holidays(2025).filter { $0.date == d("2025-06-30") }
        #expect(june30.map(\.name).sorted() == ["Sagrado Corazón de Jesús", "San Pedro y San Pablo"])
        #expect(!ColombianCalendar.isBusinessDay(d("2025-06-30")))
        #expect(ColombianCalendar.holidays(2025).count == 18)
    }

    @Test func movedHolidaysAndWeekends() {
        #expect(d("2025-01-06").weekday == .monday)
        #expect(ColombianCalendar.isHoliday(d("2026-01-12")))   // 6 Jan 2026 is a Tuesday → Monday 12
        #expect(!ColombianCalendar.isHoliday(d("2026-01-06")))
        #expect(ColombianCalendar.isHoliday(d("2024-03-28")))   // Jueves Santo
        #expect(!ColombianCalendar.isBusinessDay(d("2026-11-21"))) // a Saturday
        #expect(ColombianCalendar.businessDays(from: d("2026-05-01"), to: d("2026-05-15")) == 10)
    }
}

@Suite("Program templates")
struct ProgramTemplateTests {
    @Test func outlineRoundTrips() throws {
        let t = ProgramTemplate.paacV2
        #expect(try ProgramTemplate.components(fromOutline: t.outline) == t.componentes)
        #expect(t.componentes.count == 6)
        #expect(t.componentes[2].subcomponentes.count == 4)
        #expect(ProgramTemplate.ptep.componentes.count == 4)
    }

    @Test func badOutlinesNameTheLine() {
        #expect(throws: TemplateOutlineError(line: 1, message: "un subcomponente antes del primer componente.")) {
            try ProgramTemplate.components(fromOutline: "- Suelto")
        }
        #expect(throws: TemplateOutlineError.self) { try ProgramTemplate.components(fromOutline: "1. Uno\nDos sin número") }
        #expect(throws: TemplateOutlineError.self) { try ProgramTemplate.components(fromOutline: "1. Uno\n1. Otra vez") }
    }

    @Test func semestralPeriods() {
        let s = PeriodSnapshot.semestres(2025)
        #expect(s.map(\.fechaCorte.iso) == ["2025-06-30", "2025-12-31"])
        #expect(s[0].fechaLimitePublicacion.iso == "2025-07-14")  // 1–4 and 7–11 July, then Monday 14
    }
}

@Suite("Next publication deadline")
struct NextDeadlineTests {
    @Test func countsBusinessDaysToTheNextDeadline() {
        let p = ProgramSnapshot(vigencia: 2026, periodos: PeriodSnapshot.cuatrimestres(2026))
        let next = p.nextDeadline(today: LocalDate(year: 2026, month: 9, day: 1)!)
        #expect(next?.period.numero == 2)
        #expect(next?.period.fechaLimitePublicacion.iso == "2026-09-14")
        #expect(next?.businessDaysLeft == 9)   // 2–4, 7–11 and 14 September
        #expect(p.nextDeadline(today: LocalDate(year: 2027, month: 1, day: 19)!) == nil)
        #expect(p.latestGradedPeriod == nil)
    }
}

@Suite("Reminder planning for a fixed today")
struct ReminderPlannerTests {
    let ana = Recipient(id: UUID(), name: "Ana", email: "ana@x.gov.co")
    func action(_ final: String, _ percent: Double? = nil) -> ReminderAction {
        ReminderAction(id: UUID(), label: "Hallazgo 1, acción 1 · Hacienda", descripcion: "Depurar", fechaFinal: LocalDate(iso: final)!,
                       percent: percent, recipients: [ana])
    }

    @Test func windowsFifteenAndFiveDaysAndOverdue() {
        let today = LocalDate(iso: "2026-06-10")!
        let plan = ReminderPlanner.plan(today: today, actions: [
            action("2026-06-25"),          // 15 days: reminder
            action("2026-06-20"),          // 10 days: still in the 15-day window
            action("2026-06-15"),          // 5 days
            action("2026-06-15", 100),     // done: nothing
            action("2026-07-30"),          // far: nothing
            action("2026-06-09"),          // yesterday: vencida
        ], cutOffs: [ReminderCutOff(id: UUID(), label: "seguimiento 1", date: LocalDate(iso: "2026-06-15")!, recipients: [ana])], digest: nil)
        #expect(plan.map(\.kind) == ["vencimiento", "vencimiento", "vencimiento", "vencida", "corte"])
        #expect(plan[0].subject == "Faltan 15 días: vence Hallazgo 1, acción 1 · Hacienda")
        #expect(plan[0].key.hasPrefix("vence-15:"))
        #expect(plan[2].key.hasPrefix("vence-5:"))
        #expect(plan[4].subject == "Faltan 5 días para el corte del seguimiento 1")
        #expect(plan[3].body.contains("venció el 09/06/2026"))
    }

    @Test func theSameDayTwiceGivesTheSameKeys() {
        let a = action("2026-06-25")
        let one = ReminderPlanner.plan(today: LocalDate(iso: "2026-06-10")!, actions: [a], cutOffs: [], digest: nil)
        let two = ReminderPlanner.plan(today: LocalDate(iso: "2026-06-12")!, actions: [a], cutOffs: [], digest: nil)
        #expect(one.map(\.key) == two.map(\.key))
    }

    @Test func weeklyDigestKeyedByTheWeek() {
        let digest = DigestInput(recipients: [ana], overdue: ["H1 A1"], behind: [], waiting: ["H2 A1"], deadlines: ["14/09/2026"])
        let mon = ReminderPlanner.plan(today: LocalDate(iso: "2026-06-08")!, actions: [], cutOffs: [], digest: digest)
        let thu = ReminderPlanner.plan(today: LocalDate(iso: "2026-06-11")!, actions: [], cutOffs: [], digest: digest)
        #expect(mon.first?.key == thu.first?.key)
        #expect(mon.first?.subject == "Resumen semanal de Vigía · semana del 08/06/2026")
        #expect(mon.first?.body.contains("Acciones vencidas (1)") == true)
    }
}
