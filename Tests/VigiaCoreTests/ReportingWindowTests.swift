import Foundation
import Testing
@testable import VigiaCore

@Suite("Reporting window: the autoreporte days, both ends included")
struct ReportingWindowTests {
    static let from = LocalDate(year: 2026, month: 5, day: 1)!, until = LocalDate(year: 2026, month: 5, day: 15)!
    static let window = ReportingWindow(from: from, until: until)

    static let days: [(LocalDate, String?)] = [
        (from.adding(days: -1), "El periodo de autoreporte del seguimiento 2 abre el 01/05/2026."),
        (from, nil),
        (until, nil),
        (until.adding(days: 1), "El periodo de autoreporte del seguimiento 2 cerró el 15/05/2026."),
    ]

    @Test(arguments: days)
    func eachSideOfEachEnd(_ day: LocalDate, _ refusal: String?) {
        #expect(Self.window.contains(day) == (refusal == nil))
        #expect(Self.window.refusal(on: day, round: 2) == refusal)
    }

    @Test func openEnds() {
        let early = LocalDate(year: 1999, month: 1, day: 1)!, late = LocalDate(year: 2999, month: 1, day: 1)!
        #expect(ReportingWindow(from: nil, until: nil).contains(early))
        #expect(ReportingWindow(from: Self.from, until: nil).contains(late))
        #expect(!ReportingWindow(from: Self.from, until: nil).contains(Self.from.adding(days: -1)))
        #expect(ReportingWindow(from: nil, until: Self.until).contains(early))
        #expect(!ReportingWindow(from: nil, until: Self.until).contains(Self.until.adding(days: 1)))
    }

    @Test func summary() {
        #expect(Self.window.summary == "Se reciben reportes del 01/05/2026 al 15/05/2026.")
        #expect(ReportingWindow(from: nil, until: Self.until).summary == "Se reciben reportes hasta el 15/05/2026.")
        #expect(ReportingWindow(from: Self.from, until: nil).summary == "Se reciben reportes desde el 01/05/2026.")
        #expect(ReportingWindow(from: nil, until: nil).summary == "")
    }
}

@Suite("Publication timing: a tiempo through the legal deadline, fuera de plazo after")
struct PublicationTimingTests {
    /// 2025's second cuatrimestre: the 10th business day of September is 12/09/2025.
    static let deadline = ColombianCalendar.publicationDeadline(cutOff: LocalDate(year: 2025, month: 8, day: 31)!)

    @Test func theDeadlineIsTheDomainsCheckValue() {
        #expect(Self.deadline == LocalDate(year: 2025, month: 9, day: 12))
    }

    @Test func onTheDeadlineIsOnTime() {
        let t = PublicationTiming(publishedOn: Self.deadline, deadline: Self.deadline)
        #expect(t == .onTime(deadline: Self.deadline))
        #expect(t.isOnTime == true)
        #expect(t.label == "a tiempo")
        #expect(t.deadlineCell == "12/09/2025 · a tiempo")
        #expect(t.lateNotice == nil)
        #expect(PublicationTiming(publishedOn: Self.deadline.adding(days: -10), deadline: Self.deadline).isOnTime == true)
    }

    @Test func theDayAfterIsLate() {
        let t = PublicationTiming(publishedOn: Self.deadline.adding(days: 1), deadline: Self.deadline)
        #expect(t == .late(deadline: Self.deadline))
        #expect(t.isOnTime == false)
        #expect(t.label == "fuera de plazo")
        #expect(t.deadlineCell == "12/09/2025 · fuera de plazo")
        #expect(t.lateNotice == "Se publicó después del plazo legal (12/09/2025).")
    }

    @Test func withoutADeadline() {
        let t = PublicationTiming(publishedOn: Self.deadline, deadline: nil)
        #expect(t == .noDeadline)
        #expect(t.isOnTime == nil && t.label == nil && t.lateNotice == nil && t.deadline == nil)
        #expect(t.deadlineCell == "—")
    }
}

@Suite("Graded: the OCI's % (or N/A for an activity) is what makes a grade")
struct GradedTests {
    @Test func anActionAssessment() {
        let ref = ActionRef(hallazgo: 0, accion: 0)
        #expect(GradeSnapshot(accion: ref, porcentaje: 0).isGraded)
        #expect(!GradeSnapshot(accion: ref, observaciones: "Sin evidencias", estado: .enEjecucion).isGraded)
        let round = RoundSnapshot(numero: 1, calificaciones: [GradeSnapshot(accion: ref, porcentaje: 40),
                                                              GradeSnapshot(accion: ActionRef(hallazgo: 0, accion: 1))])
        #expect(round.isGraded(ref))
        #expect(!round.isGraded(ActionRef(hallazgo: 0, accion: 1)))
        #expect(!round.isGraded(ActionRef(hallazgo: 3, accion: 0)))
    }

    @Test func anActivityFollowUp() {
        #expect(ActivityFollowUpSnapshot(periodo: 1, porcentaje: 0).isGraded)
        #expect(ActivityFollowUpSnapshot(periodo: 1, noAplica: true).isGraded)
        #expect(!ActivityFollowUpSnapshot(periodo: 1, seguimiento: "En revisión").isGraded)
    }
}
