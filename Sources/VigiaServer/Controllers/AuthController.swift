import Fluent
import Vapor

enum AuthController {
    /// Verified against when the e-mail is unknown, so both cases take a bcrypt's time.
    static let dummyHash = (try? Bcrypt.hash(Token.random(), cost: 12)) ?? ""

    struct LoginForm: Content {
        var email: String
        var password: String
        var siguiente: String?
    }

    @Sendable static func show(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.home.path) }
        return LoginView.render(PageContext(req, title: LoginView.title), email: "", next: SafeRedirect.path(req.query["siguiente"]), error: nil)
    }

    /// The one answer to every refused login — unknown e-mail, wrong password or a locked
    /// account or address — given after the same bcrypt work and the same delay, so the answer
    /// tells nothing about which accounts exist or are locked.
    static let refusal = "No fue posible ingresar con ese correo y esa contraseña. Si falló varias veces, espere unos minutos antes de intentarlo de nuevo."

    @Sendable static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = String(form.email.trimmed.lowercased().prefix(320))
        let app = req.application
        let accountKey = LoginThrottle.accountKey(email)
        let address = LoginThrottle.clientAddress(req)
        let addressKey = LoginThrottle.addressKey(address)
        let user = email.isEmpty ? nil : try await User.query(on: req.db).filter(\.$email == email).first()
        let accountLocked = try await LoginThrottle.lockedFor(accountKey, app: app, on: req.db) != nil
        let addressLocked = try await LoginThrottle.lockedFor(addressKey, app: app, on: req.db) != nil
        let locked = accountLocked || addressLocked
        // bcrypt runs in every case, so the time taken does not tell the cases apart; a
        // deactivated account gets the same answer as a wrong password.
        let passwordOK = (try? await req.password.async.verify(String(form.password.prefix(1024)), created: user?.passwordHash ?? dummyHash)) ?? false
        guard passwordOK, !locked, let user, user.active else {
            // Tries during a lock are not counted: they cannot succeed, and counting them would
            // let anyone stretch another person's lock.
            let lockedAccount = locked ? false : try await LoginThrottle.recordFailure(accountKey, limit: app.settings.loginAccountLimit, app: app, on: req.db)
            let lockedAddress = locked ? false : try await LoginThrottle.recordFailure(addressKey, limit: app.settings.loginAddressLimit, app: app, on: req.db)
            if let user {
                try await AuditLog.record("Ingreso fallido\(locked ? " (cuenta o dirección bloqueada)" : "") desde \(address)", by: Actor(userID: nil, name: "Visitante \(address)", at: req.now),
                                          entityID: user.$entity.id, objectType: "sesión", objectID: user.id, planID: nil,
                                          changes: [FieldChange(field: "cuenta", old: nil, new: user.email)], on: req.db)
                if lockedAccount {
                    try await AuditLog.record("Cuenta \(user.email) bloqueada por intentos fallidos de ingreso", by: Actor(userID: nil, name: "Visitante \(address)", at: req.now),
                                              entityID: user.$entity.id, objectType: "sesión", objectID: user.id, planID: nil, on: req.db)
                }
            }
            if lockedAccount || lockedAddress {
                req.logger.warning("Bloqueo por intentos fallidos: \(lockedAccount ? "cuenta" : "dirección \(address)")")
            }
            let delay = app.settings.failedLoginDelay
            try await Task.sleep(for: .milliseconds(delay.isFinite ? Int(min(10, max(0, delay)) * 1000) : 1000))
            return LoginView.render(PageContext(req, title: LoginView.title), email: email, next: form.siguiente, status: .unauthorized, error: refusal)
        }
        try await LoginThrottle.clear(accountKey, on: req.db)
        user.lastLoginAt = app.now
        try await user.save(on: req.db)
        // A new session id at login: a session fixed before it is worth nothing.
        if let old = req.session.id {
            _ = try? await app.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        req.session.data = SessionData()
        req.session.data[SessionKey.userID] = try user.requireID().uuidString
        req.session.data[SessionKey.csrf] = Token.random()
        try await AuditLog.record("Inició sesión desde \(address)", by: Actor(userID: user.id, name: user.name, at: req.now), entityID: user.$entity.id,
                                  objectType: "sesión", objectID: user.id, planID: nil, on: req.db)
        return req.redirect(to: SafeRedirect.path(form.siguiente) ?? SiteURL.home.path)
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        if let user = req.currentUser {
            try await AuditLog.record("Cerró la sesión", by: Actor(user), entityID: user.entityID, objectType: "sesión",
                                      objectID: user.id, planID: nil, on: req.db)
        }
        req.session.destroy()
        return req.redirect(to: SiteURL.login.path)
    }
}

/// Where a login may send the browser afterwards: one of the site's own paths, nothing else.
enum SafeRedirect {
    static func path(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty, raw.utf8.count <= 2048, raw.hasPrefix("/"), !raw.hasPrefix("//"),
              !raw.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" || $0.properties.isWhitespace
                                                     || $0.properties.generalCategory == .format }),
              let components = URLComponents(string: raw), components.scheme == nil, components.host == nil,
              let path = components.percentEncodedPath.removingPercentEncoding,
              !path.hasPrefix("//"), !path.contains("\\"), !path.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else { return nil }
        return raw
    }
}
