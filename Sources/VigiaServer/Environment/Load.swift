import Crypto
import Foundation
import Vapor

/// Overload is answered, not queued without end: past `limit` requests in progress the server
/// answers 503 with `Retry-After` at once, so a burst never leaves people waiting tens of
/// seconds (VIGIA_MAX_EN_CURSO, 64 by default on 2 cores).
final class LoadShedMiddleware: AsyncMiddleware, @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var inFlight = 0
    private var shed = 0

    init(limit: Int) { self.limit = limit }

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let (admitted, refusedSoFar) = lock.withLock { () -> (Bool, Int) in
            guard inFlight < limit else { shed += 1; return (false, shed) }
            inFlight += 1
            return (true, shed)
        }
        guard admitted else {
            // One line for the first refusal and then every thousandth, so a burst cannot flood the log.
            if refusedSoFar == 1 || refusedSoFar % 1000 == 0 {
                req.logger.warning("Sobrecarga: \(limit) peticiones en curso; respondido 503 (\(refusedSoFar) en total)")
            }
            let res = Response(status: .serviceUnavailable, body: .init(string: "El servidor está atendiendo demasiadas solicitudes. Intente de nuevo en unos segundos."))
            res.headers.replaceOrAdd(name: .retryAfter, value: "2")
            res.headers.contentType = .plainText
            return res
        }
        defer { lock.withLock { inFlight -= 1 } }
        return try await next.respond(to: req)
    }
}

/// A weak ETag on every successful GET with a body in memory; a request that already holds
/// the same bytes (`If-None-Match`) gets 304 and no body.
struct ETagMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: req)
        // A `no-store` answer (every private page) is never kept by the browser, so it never
        // comes back with If-None-Match: hashing it would be wasted.
        guard req.method == .GET, res.status == .ok, res.headers.first(name: .eTag) == nil,
              !res.headers[.cacheControl].contains(where: { $0.contains("no-store") }),
              let buffer = res.body.buffer, buffer.readableBytes > 0 else { return res }
        let digest = SHA256.hash(data: buffer.readableBytesView)
        let tag = "W/\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        res.headers.replaceOrAdd(name: .eTag, value: tag)
        let sent = req.headers[.ifNoneMatch].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        guard sent.contains(tag) || sent.contains("*") else { return res }
        let notModified = Response(status: .notModified, headers: res.headers)
        notModified.headers.remove(name: .contentLength)
        return notModified
    }
}
