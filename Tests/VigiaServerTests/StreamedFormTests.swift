import Foundation
import Testing
import Vapor
import VaporTesting
@testable import VigiaServer
#if canImport(Glibc)
import Glibc
#endif

/// Sends `head` and then `body` in pieces, with pauses, over a plain TCP socket (as a browser on
/// a slow link does), and returns the status code of the answer.
private func sendInPieces(port: Int, head: String, body: [UInt8], pieces: Int) throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Abort(.internalServerError, reason: "socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw Abort(.internalServerError, reason: "connect") }
    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }   // the server may answer (413) and close before the rest
            sent += n
        }
    }
    send(Array(head.utf8))
    let size = max(1, body.count / pieces)
    for start in stride(from: 0, to: body.count, by: size) {
        usleep(50_000)
        send(Array(body[start..<min(body.count, start + size)]))
    }
    var answer = [UInt8](repeating: 0, count: 64)
    let read = recv(fd, &answer, answer.count, 0)
    let line = String(decoding: answer.prefix(max(0, read)), as: UTF8.self)   // "HTTP/1.1 303 See Other"
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

@Suite("Forms that arrive in several network reads")
struct StreamedFormTests {
    @Test("A form body split across reads is checked for its CSRF token, up to the route's limit")
    func splitBody() async throws {
        try await withTestApp(.sqlite) { app, _ in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.get("/planes")
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            func post(_ body: String) throws -> Int {
                let bytes = Array(body.utf8)
                let head = "POST /salir HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: vigia_sesion=\(oci.cookie)\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"
                return try sendInPieces(port: port, head: head, body: bytes, pieces: 4)
            }
            let padding = "&relleno=" + String(repeating: "x", count: 20_000)
            #expect(try post("_csrf=\(oci.csrf)" + padding) == 303)               // token first, body in four reads
            var again = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await again.get("/planes")
            oci = again
            #expect(try post(String(padding.dropFirst()) + "&_csrf=\(oci.csrf)") == 303)   // token last
            oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.get("/planes")
            #expect(try post(String(padding.dropFirst()) + "&_csrf=otro") == 403)
            // Past the 2 MB limit: 413, or (when the server closes before the rest arrives) a reset
            // before any answer; either way the logout did not happen.
            let tooLarge = try post("_csrf=\(oci.csrf)&relleno=" + String(repeating: "x", count: 3_000_000))
            #expect(tooLarge == 413 || tooLarge == 0, "\(tooLarge)")
            #expect(try await oci.get("/planes").status == .ok)
            await app.server.shutdown()
        }
    }
}
