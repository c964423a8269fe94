import Fluent
import Plot
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
        return LoginView.render(req, email: "", next: req.query["siguiente"], error: nil)
    }

    /// bcrypt check; failures wait a little and, from the fifth in a row, lock the account for a while,
    /// so guessing is slow. An unknown e-mail costs the same time as a wrong password.
    @Sendable static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = form.email.trimmed.lowercased()
        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        let now = Date()
        if let lockedUntil = user?.lockedUntil, lockedUntil > now {
            let minutes = max(1, Int((lockedUntil.timeIntervalSince(now) / 60).rounded(.up)))
            return LoginView.render(req, email: email, next: form.siguiente, status: .tooManyRequests,
                                    error: "Demasiados intentos fallidos. Espere \(minutes) minuto(s) e inténtelo de nuevo.")
        }
        let hash = user?.passwordHash ?? dummyHash
        let ok = (try? await req.password.async.verify(form.password, created: hash)) ?? false
        guard ok, let user else {
            if let user {
                user.failedLogins += 1
                if user.failedLogins >= 5 {
                    let seconds = min(15 * 60, 30 * (1 << min(user.failedLogins - 5, 5)))
                    user.lockedUntil = now.addingTimeInterval(Double(seconds))
                }
                try await user.save(on: req.db)
            }
            try await Task.sleep(for: .milliseconds(Int(req.application.settings.failedLoginDelay * 1000)))
            return LoginView.render(req, email: email, next: form.siguiente, status: .unauthorized,
                                    error: "Correo o contraseña incorrectos.")
        }
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: req.db)
        // A new session id at login: a session fixed before it is worth nothing.
        if let old = req.session.id {
            _ = try? await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        req.session.data = SessionData()
        req.session.data[SessionKey.userID] = try user.requireID().uuidString
        req.session.data[SessionKey.csrf] = Token.random()
        let target = form.siguiente.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? SiteURL.home.path
        return req.redirect(to: target)
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: SiteURL.login.path)
    }
}

enum LoginView {
    static func render(_ req: Request, email: String, next: String?, status: HTTPStatus = .ok, error: String?) -> Response {
        let ctx = PageContext(req, title: "Ingresar")
        return Layout.render(ctx, status: status) {
            Node<HTML.BodyContext>.div(.class("login"),
                .h1("Ingresar a Vigía"),
                .unwrap(error) { .p(.class("errors"), .attribute(named: "role", value: "alert"), .text($0)) },
                .form(.method(.post), .action(SiteURL.login.path),
                    .csrf(ctx.csrf),
                    .unwrap(next) { .input(.type(.hidden), .name("siguiente"), .value($0)) },
                    .field("Correo electrónico", name: "email", value: email, type: .email, required: true,
                           extra: [.attribute(named: "autocomplete", value: "username")]),
                    .field("Contraseña", name: "password", value: nil, type: .password, required: true,
                           extra: [.attribute(named: "autocomplete", value: "current-password")]),
                    .button(.type(.submit), .text("Ingresar"))
                )
            )
        }
    }
}
