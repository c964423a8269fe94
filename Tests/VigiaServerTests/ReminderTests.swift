import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// A real SMTP server on loopback (Python's aiosmtpd), writing what it receives to a maildir.
final class LocalSMTPServer {
    let port: Int
    let maildir: URL
    let process: Process

    init() throws {
        // A port the system says is free; if aiosmtpd still cannot bind it (another process took
        // it in between), it exits at once and another port is tried: mail must never reach a
        // server that belongs to another test.
        for attempt in 1...5 {
            let port = try Self.freePort()
            let maildir = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-mail-\(UUID().uuidString)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Listening: the port accepts a connection while the process is still ours and alive.
            var listening = false
            for _ in 0..<100 where process.isRunning {
                if Self.accepts(port) { listening = true; break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            if listening && process.isRunning && FileManager.default.fileExists(atPath: maildir.appendingPathComponent("new").path) {
                self.port = port; self.maildir = maildir; self.process = process
                return
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            if attempt == 5 { break }
        }
        throw ValidationFailure("no se pudo arrancar el servidor SMTP de prueba (aiosmtpd)")
    }

    /// A loopback port nobody listens on now (the system picks it).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ValidationFailure("socket") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0 else { throw ValidationFailure("bind") }
        let named = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        guard named == 0 else { throw ValidationFailure("getsockname") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Whether something accepts a TCP connection on the loopback port.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
    }

    /// aiosmtpd offers no STARTTLS: a plain relay, allowed explicitly.
    var settings: SMTPSettings { SMTPSettings(url: "smtp://127.0.0.1:\(port)", from: "vigia@alcaldia.gov.co", allowPlain: true) }

    /// Every message received, as raw text.
    func messages() throws -> [String] {
        let dir = maildir.appendingPathComponent("new")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).map {
            try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)
        }
    }

    /// Messages received so far, waiting up to `seconds` for at least `count` of them.
    /// Waits without blocking a thread: the test runs on Swift's cooperative pool (two threads on a
    /// 2-core machine), and a blocking sleep there starves the server's own tasks, such as the mail it waits for.
    func waitForMessages(_ count: Int, seconds: Double = 30) async throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var found = try messages()
        while found.count < count && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            found = try messages()
        }
        return found
    }

    deinit {
        // aiosmtpd ignores SIGTERM while it serves: end it for sure, and reap it.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: maildir)
    }
}

/// The subject (RFC 2047, base64) and the body (base64) of a raw message, decoded.
func decode(_ raw: String) -> (to: String, subject: String, body: String) {
    let parts = raw.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
    let headers = parts[0].split(separator: "\n").map(String.init)
    let to = headers.first { $0.hasPrefix("X-RcptTo:") || $0.hasPrefix("To:") } ?? ""
    let rawSubject = headers.first { $0.hasPrefix("Subject:") }?.dropFirst(9).trimmingCharacters(in: .whitespaces) ?? ""
    var subject = rawSubject
    if rawSubject.hasPrefix("=?UTF-8?B?"), let data = Data(base64Encoded: String(rawSubject.dropFirst(10).dropLast(2))) {
        subject = String(decoding: data, as: UTF8.self)
    }
    let body64 = parts.dropFirst().joined(separator: "\n").replacingOccurrences(of: "\n", with: "")
    let body = Data(base64Encoded: body64).map { String(decoding: $0, as: UTF8.self) } ?? ""
    return (to, subject, body)
}

@Suite("Reminders sent by e-mail")
struct ReminderTests {
    @Test("Reminders reach a real SMTP server with recipient, subject and Spanish body; never twice, not after a restart",
          arguments: TestDB.all)
    func remindersAndDigest(db: TestDB) async throws {
        let smtp = try LocalSMTPServer()
        try await withTestApp(db) { app, fx in
            // The sample plan's first action ends 30/09/2026: on 20/09 it is 10 days away.
            let today = LocalDate(year: 2026, month: 9, day: 20)!
            let first = try await NotificationService.run(today: today, app: app, smtp: smtp.settings)
            #expect(first.created > 0)
            #expect(first.sent == first.created)
            #expect(first.failed == 0)
            let mails = try smtp.messages().map(decode)
            #expect(mails.count == first.sent)
            let reminder = try #require(mails.first { $0.subject.hasPrefix("Faltan 10 días: vence hallazgo 1, acción 1") })
            #expect(reminder.to.contains("hacienda@a.gov.co"))
            #expect(reminder.body.contains("Hola, hacienda@a.gov.co:"))
            #expect(reminder.body.contains("Reporte su avance y adjunte las evidencias en Vigía"))
            #expect(mails.contains { $0.subject.hasPrefix("Acción vencida:") })
            #expect(mails.contains { $0.subject == "Resumen semanal de Vigía · semana del 14/09/2026" && $0.to.contains("oci@a.gov.co") })
            // nobody of another dependency or entity gets this plan's reminders
            #expect(!mails.contains { $0.to.contains("planeacion@a.gov.co") && $0.subject.contains("Secretaría de Hacienda") })
            // the same day again: nothing new, nothing sent twice
            let again = try await NotificationService.run(today: today, app: app, smtp: smtp.settings)
            #expect(again.created == 0 && again.sent == 0)
            // a restart (a new process on the same database) sends nothing twice either
            let stored = try await Notification.query(on: app.db).count()
            #expect(stored == first.created)
            #expect(try await Notification.query(on: app.db).filter(\.$sentAt == nil).count() == 0)
            #expect(try smtp.messages().count == first.sent)
            // the inbox shows them
            var resp = try await Browser.signedIn(app, as: "hacienda@a.gov.co")
            let inbox = try await resp.get("/notificaciones")
            #expect(inbox.body.string.contains("Faltan 10 días: vence hallazgo 1, acción 1"))
        }
    }

    @Test("A mail server that refuses is recorded as an error and retried later", arguments: [TestDB.sqlite])
    func failures(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let nowhere = SMTPSettings(url: "smtp://127.0.0.1:9", from: "vigia@x.gov.co")
            let r = try await NotificationService.run(today: LocalDate(year: 2026, month: 9, day: 20)!, app: app, smtp: nowhere)
            #expect(r.sent == 0 && r.failed > 0)
            let n = try #require(try await Notification.query(on: app.db).first())
            #expect(n.error?.contains("no entregado") == true)
            #expect(n.claimedBy == nil)
        }
    }
}

@Suite("SMTP requires TLS unless a plain relay is allowed")
struct SMTPTransportTests {
    @Test("A server without STARTTLS is refused by default, and nothing is delivered; the explicit setting allows it")
    func tlsRequired() throws {
        let smtp = try LocalSMTPServer()
        let message = MailMessage(to: "hacienda@a.gov.co", toName: "Hacienda", subject: "Prueba", body: "Cuerpo")
        var strict = smtp.settings
        strict.allowPlain = false
        strict.username = "vigia"
        strict.password = "secreta"
        #expect(throws: SMTPError.self) { try SMTPClient.send(message, settings: strict, date: Date(), timeoutSeconds: 10) }
        #expect(try smtp.messages().isEmpty)
        try SMTPClient.send(message, settings: smtp.settings, date: Date(), timeoutSeconds: 10)
        #expect(try smtp.messages().count == 1)
        #expect(!SMTPSettings(url: "smtp://x", from: "a@b").allowPlain)
    }
}
