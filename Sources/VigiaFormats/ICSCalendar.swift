import Foundation
import VigiaCore

/// An iCalendar (RFC 5545) feed of all-day events with alarms.
public struct ICSCalendar: Sendable {
    public struct Event: Sendable {
        public var uid: String
        public var date: LocalDate
        public var summary: String
        public var description: String
        public var url: String?
        /// Days before the event at which to remind (display alarms).
        public var alarmsDaysBefore: [Int]

        public init(uid: String, date: LocalDate, summary: String, description: String = "", url: String? = nil, alarmsDaysBefore: [Int] = [5, 1]) {
            self.uid = uid; self.date = date; self.summary = summary; self.description = description
            self.url = url; self.alarmsDaysBefore = alarmsDaysBefore
        }
    }

    public var name: String
    public var events: [Event]

    public init(name: String, events: [Event]) { self.name = name; self.events = events }

    public func render(now: Date = Date()) -> String {
        let stamp = ICSCalendar.timestamp(now)
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Vigia//Calendario//ES", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + ICSCalendar.escape(name), "X-WR-TIMEZONE:America/Bogota"]
        for e in events {
            let d = e.date, next = e.date.adding(days: 1)
            lines += ["BEGIN:VEVENT", "UID:" + e.uid, "DTSTAMP:" + stamp,
                      "DTSTART;VALUE=DATE:" + ICSCalendar.compact(d), "DTEND;VALUE=DATE:" + ICSCalendar.compact(next),
                      "SUMMARY:" + ICSCalendar.escape(e.summary), "DESCRIPTION:" + ICSCalendar.escape(e.description),
                      "TRANSP:TRANSPARENT"]
            if let url = e.url { lines.append("URL:" + url) }
            for days in e.alarmsDaysBefore {
                lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + ICSCalendar.escape(e.summary),
                          "TRIGGER:-P\(days)D", "END:VALARM"]
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICSCalendar.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func compact(_ d: LocalDate) -> String { String(format: "%04d%02d%02d", d.year, d.month, d.day) }

    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }

    /// TEXT escaping of RFC 5545 §3.3.11.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\n")
    }

    /// Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character.
    static func fold(_ line: String) -> String {
        var out = "", current = 0
        for ch in line {
            let size = String(ch).utf8.count
            if current + size > 75 { out += "\r\n "; current = 1 }
            out.append(ch)
            current += size
        }
        return out
    }
}
