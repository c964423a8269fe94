import Fluent
import Vapor
import VigiaCore

/// Loads the user of the session cookie or of an `Authorization: Bearer` API token.
struct UserLoaderMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        // A bearer token opens the JSON API only (it carries no CSRF protection, so it must not
        // drive the HTML forms, e.g. to mint new tokens that outlive its revocation).
        if let bearer = req.headers.bearerAuthorization, req.url.path.hasPrefix("/api/") {
            let now = req.now
            if let token = try await ApiToken.query(on: req.db).filter(\.$tokenHash == Token.sha256(bearer.token))
                .with(\.$user).first(), token.expiresAt.map({ $0 > now }) ?? true, token.user.active {
                req.currentUser = try CurrentUser(token.user, at: now, viaToken: true)
                if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
                    token.lastUsedAt = now
                    try await token.save(on: req.db)
                }
            } else {
                throw Abort(.unauthorized, reason: "El token de acceso no es válido, venció o fue revocado.")
            }
        } else if req.hasSession {
            // A session cookie was sent (only then does the session exist). One that holds no
            // user — expired or forged — is dropped, so no row and no cookie are made for it.
            if let text = req.session.data[SessionKey.userID], let id = UUID(uuidString: text),
               let (user, zones) = try await Self.user(id, req) {
                req.currentUser = user
                return try await RatingZoneLimits.$current.withValue(zones) { try await next.respond(to: req) }
            } else {
                req.session.destroy()
            }
        }
        guard let user = req.currentUser else { return try await next.respond(to: req) }
        // The entity's semáforo thresholds hold for everything this request computes or renders.
        let zones = try await Entity.query(on: req.db).filter(\.$id == user.entityID).field(\.$id).field(\.$zoneLowBelow)
            .field(\.$zoneHighFrom).first()?.zones ?? RatingZoneLimits()
        return try await RatingZoneLimits.$current.withValue(zones) { try await next.respond(to: req) }
    }
}

extension UserLoaderMiddleware {
    /// The session's user: read with the session when it is the same one, else on its own.
    static func user(_ id: UUID, _ req: Request) async throws -> (CurrentUser, RatingZoneLimits)? {
        if let row = req.storage[SessionUserKey.self], row.user_id == id { return row.signedIn(at: req.now) }
        return try await CurrentUser.signedIn(id, at: req.now, on: req.db)
    }
}

/// Pages need a signed-in user: anonymous visitors go to the login page and come back. The
/// superadministrador reaches only the install's pages and its own password: no entity's data.
struct RequireLoginMiddleware: AsyncMiddleware {
    let api: Bool

    static func superadminMayOpen(_ path: String) -> Bool {
        path == SiteURL.installation.path || path.hasPrefix(SiteURL.installation.path + "/")
            || path == SiteURL.changePassword.path || path == SiteURL.logout.path
    }

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let user = req.currentUser, user.role.administersInstall, api || !Self.superadminMayOpen(req.url.path) {
            if !api, req.method == .GET, req.url.path == SiteURL.home.path { return req.redirect(to: SiteURL.installation.path) }
            throw Abort(.forbidden, reason: "El superadministrador administra las entidades de la instalación y no ve los datos de ninguna.")
        }
        guard req.currentUser != nil else {
            if api { throw Abort(.unauthorized, reason: "Debe autenticarse (sesión o token de acceso).") }
            var target = SiteURL.login.path
            if req.method == .GET, let next = req.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                target += "?siguiente=\(next)"
            }
            return req.redirect(to: target)
        }
        return try await next.respond(to: req)
    }
}

/// Every state-changing request from a browser must carry its CSRF token: in the form field
/// `_csrf` (HTML forms) or the `X-CSRF-Token` header (scripts using the cookie). A signed-in
/// user's token lives in the session; an anonymous visitor's (the login form) in a cookie of its
/// own. API calls with a bearer token carry no cookie and need none. Streamed uploads are checked
/// by `EvidenceUpload.read` once the body is parsed (with or without files), so the stream is
/// not consumed here.
struct CSRFMiddleware: AsyncMiddleware {
    static let checkedInStream: Set<String> = [SiteURL.progressReport(.key, .key, .key).path,
                                                SiteURL.monitoringEvidence(.key, .key, .key).path,
                                                SiteURL.riskMonitoring(.key, .key, .key, .key).path,
                                                SiteURL.findingReview(.key, .key).path, ApiURL.findingReviews(.key, .key).path]

    static func isStreamed(_ req: Request) -> Bool {
        checkedInStream.contains("/" + (req.route?.path.map(\.description).joined(separator: "/") ?? ""))
    }

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(req.method), req.currentUser?.viaToken != true,
              !CSRFMiddleware.isStreamed(req) else {
            return try await next.respond(to: req)
        }
        var sent = req.headers.first(name: "X-CSRF-Token")
        if sent == nil {
            // A body larger than one network read arrives as a stream, which the route collects
            // only after the middleware: collect it here, up to the route's own limit.
            if req.body.data == nil {
                _ = try await req.body.collect(max: Self.bodyLimit(req)).get()
            }
            sent = try? req.content.get(String.self, at: "_csrf")
        }
        guard req.csrfMatches(sent) else { throw CSRFMiddleware.failure }
        return try await next.respond(to: req)
    }

    static let bodyLimitKey = "vigia.maxBody"

    /// The bytes the request's route collects: its own limit (`post(_:collectingUpTo:use:)`) or the default.
    static func bodyLimit(_ req: Request) -> Int {
        (req.route?.userInfo[bodyLimitKey] as? Int) ?? req.application.routes.defaultMaxBodySize.value
    }

    static var failure: Abort {
        Abort(.forbidden, reason: "El formulario venció o no trae su código de seguridad (CSRF). Vuelva a cargar la página e inténtelo de nuevo.")
    }
}

/// The CSRF token of a visitor who has not signed in: a random value in an HttpOnly,
/// SameSite=Strict cookie, echoed by the form (double submit). No server-side row.
enum PreSessionCSRF {
    static let cookieName = "vigia_csrf"
    struct NewToken: StorageKey { typealias Value = String }

    static func token(_ req: Request) -> String {
        if let fresh = req.storage[NewToken.self] { return fresh }
        if let existing = req.cookies[cookieName]?.string, isWellFormed(existing) { return existing }
        let token = Token.random()
        req.storage[NewToken.self] = token
        return token
    }

    static func isWellFormed(_ token: String) -> Bool { Token.isWellFormed(token) }

    /// Sets the cookie when a page handed out a new token.
    struct Middleware: AsyncMiddleware {
        func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
            let res = try await next.respond(to: req)
            if let token = req.storage[NewToken.self] {
                res.cookies[PreSessionCSRF.cookieName] = HTTPCookies.Value(
                    string: token, expires: nil, maxAge: 2 * 3600, domain: nil, path: "/",
                    isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .strict)
            }
            return res
        }
    }
}

/// Headers every response carries. HSTS when the request came over TLS (directly or, behind a
/// trusted proxy, as `X-Forwarded-Proto: https`) or the site's public address is https.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: req)
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        res.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        let settings = req.application.settings
        let forwardedTLS = settings.trustProxy && req.headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
        if settings.secureCookies || forwardedTLS || req.url.scheme == "https" {
            res.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        // Signed-in pages and every private download: never stored by a browser or a proxy.
        if req.currentUser != nil || req.storage[PrivateResponseKey.self] == true {
            res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return res
    }
}

/// Set by a handler that answers without a signed-in user but with private content (the
/// calendar feed read with its secret address).
struct PrivateResponseKey: StorageKey { typealias Value = Bool }

/// Logs each request's method and path, with secrets (calendar-feed and other tokens in a
/// path) replaced, and never the query string.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        req.logger.info("\(req.method) \(Self.redacted(req.url.path))")
        return try await next.respond(to: req)
    }

    static func redacted(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            let s = String(segment)
            let core = s.hasSuffix(".ics") ? String(s.dropLast(4)) : s
            return core.count >= 24 && UUID(uuidString: core) == nil ? "[token]" + (s.hasSuffix(".ics") ? ".ics" : "") : s
        }.joined(separator: "/")
    }
}

/// Serves Public/ only for its own folders and sane paths; anything else (a 100 KB path, a
/// name the file system refuses) goes on to the routes and their Spanish 404.
struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    static let folders = ["/css/", "/js/", "/img/", "/fonts/", "/favicon"]

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let path = req.url.path
        guard req.method == .GET || req.method == .HEAD, path.utf8.count <= 200,
              Self.folders.contains(where: { path.hasPrefix($0) }) else {
            return try await next.respond(to: req)
        }
        // FileMiddleware calls the next responder when the file is missing; that is answered here
        // with a marker, so the routes run once, after it, whatever the file system said.
        do {
            return try await files.respond(to: req, chainingTo: NoFile()).get()
        } catch {
            return try await next.respond(to: req)
        }
    }

    private struct NoFile: AsyncResponder {
        struct Missing: Error {}
        func respond(to request: Request) async throws -> Response { throw Missing() }
    }
}

/// Removes NUL characters from form and JSON bodies before any handler decodes them: PostgreSQL
/// refuses them in text (the request would fail half-way), and no screen or document needs them.
/// Wraps the application's decoders; streamed multipart fields are cleaned by `EvidenceUpload`,
/// imported files by the importers' callers.
struct NulStrippingDecoder: ContentDecoder {
    let inner: ContentDecoder
    let form: Bool

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try inner.decode(D.self, from: clean(body), headers: headers)
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: Sendable]) throws -> D {
        try inner.decode(D.self, from: clean(body), headers: headers, userInfo: userInfo)
    }

    func clean(_ body: ByteBuffer) -> ByteBuffer {
        if form {
            guard let text = body.getString(at: body.readerIndex, length: body.readableBytes),
                  text.range(of: "%00", options: .caseInsensitive) != nil else { return body }
            return ByteBuffer(string: text.replacingOccurrences(of: "%00", with: "", options: .caseInsensitive))
        }
        guard body.readableBytesView.contains(0x5C),
              let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: Self.strip(object), options: [.fragmentsAllowed]) else { return body }
        return ByteBuffer(data: data)
    }

    static func strip(_ value: Any) -> Any {
        switch value {
        case let s as String: return s.contains("\u{0}") ? s.replacingOccurrences(of: "\u{0}", with: "") : s
        case let a as [Any]: return a.map(strip)
        case let d as [String: Any]: return d.mapValues(strip)
        default: return value
        }
    }

    /// Installs the wrappers around the JSON and URL-encoded form decoders (once).
    static func install() {
        for (type, form) in [(HTTPMediaType.json, false), (.urlEncodedForm, true)] {
            guard let current = try? ContentConfiguration.global.requireDecoder(for: type), !(current is NulStrippingDecoder) else { continue }
            ContentConfiguration.global.use(decoder: NulStrippingDecoder(inner: current, form: form), for: type)
        }
    }
}
