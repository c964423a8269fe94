import Fluent
import Vapor
import VigiaCore

/// Changing one's own password, "¿Olvidó su contraseña?" and the one-time links.
enum PasswordController {
    struct ChangeForm: Content {
        var actual: String
        var nueva: String
        var confirmacion: String
    }

    @Sendable static func changeForm(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let ctx = PageContext(req, title: ChangePasswordView.title)
        return Layout.render(ctx) { ChangePasswordView.content(errors: [:], csrf: ctx.csrf) }
    }

    @Sendable static func change(req: Request) async throws -> Response {
        let useCase = try req.useCase()
        let form = try req.content.decode(ChangeForm.self)
        do {
            try await AccountService.changePassword(current: form.actual, new: form.nueva, confirmation: form.confirmacion,
                                                    keeping: req.session.id?.string, in: useCase, verifier: req.password.async)
        } catch let invalid as InvalidInput {
            let ctx = PageContext(req, title: ChangePasswordView.title)
            return Layout.render(ctx, status: .unprocessableEntity) { ChangePasswordView.content(errors: invalid.problems, csrf: ctx.csrf) }
        }
        req.flash("Su contraseña cambió. Sus sesiones en otros equipos se cerraron.")
        return req.redirect(to: SiteURL.home.path)
    }

    @Sendable static func forgotForm(req: Request) async throws -> Response {
        let ctx = PageContext(req, title: ForgotPasswordView.title)
        return Layout.render(ctx) { ForgotPasswordView.content(sent: false, csrf: ctx.csrf) }
    }

    struct ForgotForm: Content { var email: String }

    /// The same answer, at once, whether or not the address exists; the work goes on after.
    @Sendable static func forgot(req: Request) async throws -> Response {
        let form = try req.content.decode(ForgotForm.self)
        let app = req.application
        let address = LoginThrottle.clientAddress(req)
        let (db, now) = (app.db, req.now)
        Task.detached {
            do { try await AccountService.requestReset(email: form.email, app: app, db: db, now: now, address: address) }
            catch { app.logger.error("Restablecer contraseña: \(error)") }
        }
        let ctx = PageContext(req, title: ForgotPasswordView.title)
        return Layout.render(ctx) { ForgotPasswordView.content(sent: true, csrf: ctx.csrf) }
    }

    @Sendable static func setForm(req: Request) async throws -> Response {
        let secret = (req.query["t"] as String?) ?? ""
        guard let (token, user) = try await AccountService.link(secret, now: req.now, on: req.db) else { return expired(req) }
        return setPage(req, .init(secret: secret, email: user.email, invitation: token.purpose == .invitacion))
    }

    struct SetForm: Content {
        var t: String
        var nueva: String
        var confirmacion: String
    }

    @Sendable static func set(req: Request) async throws -> Response {
        let form = try req.content.decode(SetForm.self)
        guard let (token, user) = try await AccountService.link(form.t, now: req.now, on: req.db) else { return expired(req) }
        do {
            _ = try await AccountService.setPassword(secret: form.t, new: form.nueva, confirmation: form.confirmacion,
                                                     now: req.now, on: req.db, hasher: req.password.async)
        } catch let invalid as InvalidInput {
            return setPage(req, .init(secret: form.t, email: user.email, invitation: token.purpose == .invitacion, errors: invalid.problems),
                           status: .unprocessableEntity)
        } catch let abort as AbortError where abort.status == .gone {
            return expired(req)
        }
        let ctx = PageContext(req, title: LoginView.title)
        return LoginView.render(ctx, email: user.email, next: nil, notice: "Su contraseña quedó guardada. Ingrese con ella.", error: nil)
    }

    static func setPage(_ req: Request, _ model: SetPasswordView.Model, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: SetPasswordView.title(invitation: model.invitation))
        // The link's secret is in this page's address; the site's Referrer-Policy (same-origin)
        // never sends it to another site, and the request log never writes the query.
        return Layout.render(ctx, status: status) { SetPasswordView.content(model, csrf: ctx.csrf) }
    }

    static func expired(_ req: Request) -> Response {
        let ctx = PageContext(req, title: "Enlace vencido")
        return Layout.render(ctx, status: .gone) { SetPasswordView.expired() }
    }
}
