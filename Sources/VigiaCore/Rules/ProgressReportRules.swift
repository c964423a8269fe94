import Foundation

/// A responsable's progress report — an autoreporte on a plan action for a follow-up round, or
/// the monitoreo of a program activity for a period — is one thing with one set of rules: it
/// is open inside its reporting window, and closed once the OCI has graded the item or the
/// round/period is published.
public enum ProgressReportRules {
    /// What the report is about, for the messages: the report ("el autoreporte", "el monitoreo"),
    /// the item ("esta acción") and the round or period ("el seguimiento 3").
    public struct Subject: Sendable {
        public var report: String
        public var item: String
        public var round: String
        public init(report: String, item: String, round: String) { self.report = report; self.item = item; self.round = round }
        /// "autoreporte", "monitoreo": the report without its article.
        var noun: String { report.hasPrefix("el ") ? String(report.dropFirst(3)) : report }
        /// "del seguimiento 3", for the window's messages.
        var ofRound: String { round.hasPrefix("el ") ? "del " + round.dropFirst(3) : "de " + round }
    }

    /// Why a report on `day` is refused, or nil when it may be filed.
    public static func refusal(graded: Bool, published: Bool, window: ReportingWindow, on day: LocalDate,
                               subject: Subject) -> String? {
        if graded {
            return "La OCI ya calificó \(subject.item) en \(subject.round): \(subject.report) quedó cerrado."
        }
        if published { return "\(subject.round.capitalizedFirst) ya está publicado." }
        return window.refusal(on: day, what: subject.ofRound, report: subject.noun)
    }
}

extension String {
    /// The string with its first letter in upper case ("el seguimiento 2" → "El seguimiento 2").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
