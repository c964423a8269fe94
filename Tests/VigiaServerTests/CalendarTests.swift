import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// Parses an ICS with Python's icalendar and prints one line per event: date|summary|alarms.
func parseICS(_ text: String) throws -> [String] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", """
import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
for e in cal.walk("VEVENT"):
    alarms = [str(a.get("TRIGGER").dt) for a in e.walk("VALARM")]
    print(f"{e.get('DTSTART').dt.isoformat()}|{e.get('SUMMARY')}|{len(alarms)}")
"""]
    let input = Pipe(), output = Pipe(), errors = Pipe()
    p.standardInput = input
    p.standardOutput = output
    p.standardError = errors
    try p.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
        throw ValidationFailure("icalendar: " + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}

@Suite("Calendar feeds")
struct CalendarTests {
    @Test("A private, revocable iCalendar feed with the user's deadlines, read by a real parser", arguments: TestDB.all)
    func feed(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let page = try await resp.post("/calendario", ["accion": "nuevo"])
            let body = page.body.string
            let start = try #require(body.range(of: "/ical/"))
            let token = String(body[start.upperBound...].prefix { $0 != "<" && $0 != "\"" })
            #expect(token.hasSuffix(".ics"))
            // no session needed: a calendar program fetches it
            let feed = try await app.testing().sendRequest(.GET, "/ical/\(token)")
            #expect(feed.status == .ok)
            #expect(feed.headers.first(name: .contentType)?.hasPrefix("text/calendar") == true)
            #expect(feed.body.string.contains("\r\n"))
            let events = try parseICS(feed.body.string)
            let plan = try await roundValues(app, plan: fx.planA)
            #expect(events.count == plan.actionCount)
            #expect(events.contains { $0.contains("Vence la acción 1.1 · Secretaría de Hacienda") && $0.hasSuffix("|2") })
            let first = try #require(plan.hallazgos[0].acciones[0].fechaFinal)
            #expect(events.contains { $0.hasPrefix(first.iso + "|Vence la acción 1.1") })
            // another dependency's user does not get this plan's actions
            var other = try await Browser.signedIn(app, as: "planeacion@a.gov.co")
            let otherPage = try await other.post("/calendario", ["accion": "nuevo"])
            let otherBody = otherPage.body.string
            let r = try #require(otherBody.range(of: "/ical/"))
            let otherToken = String(otherBody[r.upperBound...].prefix { $0 != "<" && $0 != "\"" })
            let otherFeed = try await app.testing().sendRequest(.GET, "/ical/\(otherToken)")
            #expect(try parseICS(otherFeed.body.string).isEmpty)
            // revoked: the address stops working
            _ = try await resp.post("/calendario", ["accion": "revocar"])
            #expect(try await app.testing().sendRequest(.GET, "/ical/\(token)").status == .notFound)
        }
    }

    @Test("The risk map's dates reach the feed: its periods' cut-offs and deadlines, and only the actions of the responsable's dependencia",
          arguments: [TestDB.sqlite])
    func riskMapDates(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            _ = try await loadSampleRiskMap(app)
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let body = try await resp.post("/calendario", ["accion": "nuevo"]).body.string
            let start = try #require(body.range(of: "/ical/"))
            let token = String(body[start.upperBound...].prefix { $0 != "<" && $0 != "\"" })
            let events = try parseICS(try await app.testing().sendRequest(.GET, "/ical/\(token)").body.string)
            #expect(events.contains("2026-07-31|Vence la acción 2.1 · Mapa de riesgos de corrupción 2026|2"))
            #expect(!events.contains { $0.contains("Vence la acción 1.1 · Mapa de riesgos") }, "another dependencia's action")
            #expect(events.contains("2026-12-31|Corte del Mapa de riesgos de corrupción 2026 · Tercer cuatrimestre 2026|2"))
            #expect(events.contains("2027-01-18|Publicar el seguimiento del Mapa de riesgos de corrupción 2026 · Tercer cuatrimestre 2026|2"))
        }
    }
}
