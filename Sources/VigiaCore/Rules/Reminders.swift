import Foundation

/// Who receives a reminder.
public struct Recipient: Hashable, Sendable {
    public var id: UUID
    public var name: String
    public var email: String
    public init(id: UUID, name: String, email: String) { self.id = id; self.name = name; self.email = email }
}

public struct ReminderAction: Sendable {
    public var id: UUID
    /// “Hallazgo 1, acción 2 · Secretaría de Hacienda”.
    public var label: String
    public var descripcion: String
    public var fechaFinal: LocalDate
    /// The latest OCI grade (nil: never graded).
    public var percent: Double?
    public var recipients: [Recipient]
    public init(id: UUID, label: String, descripcion: String, fechaFinal: LocalDate, percent: Double?, recipients: [Recipient]) {
        self.id = id; self.label = label; self.descripcion = descripcion; self.fechaFinal = fechaFinal
        self.percent = percent; self.recipients = recipients
    }
}

public struct ReminderCutOff: Sendable {
    public var id: UUID
    /// “seguimiento 1 del plan de la Secretaría de Hacienda”.
    public var label: String
    public var date: LocalDate
    public var recipients: [Recipient]
    public init(id: UUID, label: String, date: LocalDate, recipients: [Recipient]) {
        self.id = id; self.label = label; self.date = date; self.recipients = recipients
    }
}

/// The OCI's weekly digest: what is overdue, behind, waiting for grading, and due to publish.
public struct DigestInput: Sendable {
    public var recipients: [Recipient]
    public var overdue: [String]
    public var behind: [String]
    public var waiting: [String]
    public var deadlines: [String]
    public init(recipients: [Recipient], overdue: [String], behind: [String], waiting: [String], deadlines: [String]) {
        self.recipients = recipients; self.overdue = overdue; self.behind = behind; self.waiting = waiting; self.deadlines = deadlines
    }
}

public struct PlannedNotification: Sendable, Equatable {
    /// Unique per recipient and event: the same reminder is never sent twice, even after a restart.
    public var key: String
    public var kind: String
    public var recipient: Recipient
    public var subject: String
    public var body: String

    public init(key: String, kind: String, recipient: Recipient, subject: String, body: String) {
        self.key = key; self.kind = kind; self.recipient = recipient; self.subject = subject; self.body = body
    }
}

public struct ReminderSettings: Sendable {
    /// Days before a fecha final or a cut-off at which to remind (default 15 and 5).
    public var daysBefore: [Int]
    public init(daysBefore: [Int] = [15, 5]) { self.daysBefore = daysBefore.sorted(by: >) }
}

/// Which reminders are due on `today`. Each reminder has a window (from N days before until
/// the next, smaller N), so a day the server was off is made up the next day, once.
public enum ReminderPlanner {
    public static func plan(today: LocalDate, actions: [ReminderAction], cutOffs: [ReminderCutOff], digest: DigestInput?,
                            settings: ReminderSettings = .init()) -> [PlannedNotification] {
        var out: [PlannedNotification] = []
        for a in actions where (a.percent ?? 0) < 100 {
            if let n = window(a.fechaFinal, today: today, daysBefore: settings.daysBefore) { out += dueSoon(a, window: n, today: today) }
            if Schedule.isOverdue(percent: a.percent, fechaFinal: a.fechaFinal, at: today) { out += overdue(a) }
        }
        for c in cutOffs {
            if let n = window(c.date, today: today, daysBefore: settings.daysBefore) { out += cutOff(c, window: n, today: today) }
        }
        if let digest { out += weekly(digest, today: today) }
        return out
    }

    /// The N (days before `date`) whose window holds `today`, or nil.
    static func window(_ date: LocalDate, today: LocalDate, daysBefore days: [Int]) -> Int? {
        for (i, n) in days.enumerated() {
            let start = date.adding(days: -n)
            let end = i + 1 < days.count ? date.adding(days: -days[i + 1] - 1) : date
            if today >= start && today <= end { return n }
        }
        return nil
    }

    /// One notification per recipient, each greeted by name; `key` gets the recipient's id.
    static func notify(_ recipients: [Recipient], key: String, kind: String, subject: String, body: String) -> [PlannedNotification] {
        recipients.map { r in
            PlannedNotification(key: "\(key):\(r.id.uuidString)", kind: kind, recipient: r, subject: subject,
                                body: "Hola, \(r.name):\n\n" + body)
        }
    }

    static func dueSoon(_ a: ReminderAction, window n: Int, today: LocalDate) -> [PlannedNotification] {
        let left = LocalDate.days(from: today, to: a.fechaFinal)
        return notify(a.recipients, key: "vence-\(n):\(a.id.uuidString):\(a.fechaFinal.iso)", kind: "vencimiento",
                      subject: "Faltan \(left) días: vence \(a.label)", body: """
            La acción «\(a.descripcion)» (\(a.label)) vence el \(a.fechaFinal.dayFirst); faltan \(left) días.
            Avance calificado por la OCI: \(SpanishFormat.percent(a.percent)).

            Reporte su avance y adjunte las evidencias en Vigía antes de esa fecha.
            """)
    }

    static func overdue(_ a: ReminderAction) -> [PlannedNotification] {
        notify(a.recipients, key: "vencida:\(a.id.uuidString):\(a.fechaFinal.iso)", kind: "vencida",
               subject: "Acción vencida: \(a.label)", body: """
            La acción «\(a.descripcion)» (\(a.label)) venció el \(a.fechaFinal.dayFirst) con un avance de \(SpanishFormat.percent(a.percent)).

            Reporte en Vigía lo que se haya hecho y, si corresponde, solicite a la OCI el ajuste del plan.
            """)
    }

    static func cutOff(_ c: ReminderCutOff, window n: Int, today: LocalDate) -> [PlannedNotification] {
        let left = LocalDate.days(from: today, to: c.date)
        return notify(c.recipients, key: "corte-\(n):\(c.id.uuidString):\(c.date.iso)", kind: "corte",
                      subject: "Faltan \(left) días para el corte del \(c.label)", body: """
            El corte del \(c.label) es el \(c.date.dayFirst); faltan \(left) días.
            Antes de esa fecha reporte en Vigía el avance de sus actividades y adjunte las evidencias.
            """)
    }

    /// The weekly digest, keyed by the week's Monday so it goes once a week.
    static func weekly(_ d: DigestInput, today: LocalDate) -> [PlannedNotification] {
        let monday = today.adding(days: -today.weekday.rawValue)
        func section(_ title: String, _ items: [String]) -> String {
            "\(title) (\(items.count)):\n" + (items.isEmpty ? "  — ninguno\n" : items.prefix(30).map { "  • \($0)\n" }.joined())
                + (items.count > 30 ? "  … y \(items.count - 30) más\n" : "")
        }
        return notify(d.recipients, key: "resumen:\(monday.iso)", kind: "resumen",
                      subject: "Resumen semanal de Vigía · semana del \(monday.dayFirst)",
                      body: section("Acciones vencidas", d.overdue) + "\n" + section("Acciones atrasadas", d.behind)
                          + "\n" + section("Autoreportes y monitoreos por calificar", d.waiting) + "\n" + section("Próximas fechas límite de publicación", d.deadlines))
    }
}
