import Fluent
import Vapor
import VigiaCore

/// Passwords: a user changes their own, sets one through a one-time link (invitation or
/// "¿Olvidó su contraseña?"), and the links are issued and mailed. Every change is audited.
enum AccountService {
    /// The signed-in user's new password; the current one is required. The user's other
    /// sessions end (this one stays).
    static func changePassword(current: String, new: String, confirmation: String, keeping session: String?,
                               in ctx: UseCaseContext, verifier: AsyncPasswordHasher) async throws {
        guard let user = try await User.find(ctx.user.id, on: ctx.db) else { throw Abort(.unauthorized) }
        var problems: [String: String] = [:]
        let currentOK = (try? await verifier.verify(String(current.prefix(1024)), created: user.passwordHash)) ?? false
        if !currentOK { problems["actual"] = "Contraseña actual: no es la suya." }
        if let problem = PasswordPolicy.problem(new, email: user.email) { problems["nueva"] = "Nueva contraseña: " + problem }
        else if new != confirmation { problems["confirmacion"] = "Confirmación: no coincide con la nueva contraseña." }
        else if new == current { problems["nueva"] = "Nueva contraseña: es igual a la actual." }
        try InvalidInput.check(problems)
        user.passwordHash = try await verifier.hash(new)
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            try await SessionStore.endAll(userID: try user.requireID(), except: session, on: db)
            try await PasswordToken.query(on: db).filter(\.$user.$id == user.requireID()).delete()
            try await AuditLog.record("Cambió su contraseña; se cerraron sus otras sesiones", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "usuario", objectID: user.id, planID: nil, on: db)
        }
    }

    /// A new one-time link for `user`; earlier unused links of the same purpose stop working.
    /// Returns the secret, which only the e-mail (or the administrador's screen) carries.
    static func issueLink(for user: User, _ purpose: PasswordToken.Purpose, now: Date, on db: Database) async throws -> String {
        let secret = Token.random()
        let userID = try user.requireID()
        try await db.transaction { db in
            try await PasswordToken.query(on: db).filter(\.$user.$id == userID).filter(\.$purpose == purpose).delete()
            try await PasswordToken(userID: userID, tokenHash: Token.sha256(secret), purpose: purpose, now: now).create(on: db)
        }
        return secret
    }

    /// The link's token and user when it may still be used at `now`.
    static func link(_ secret: String, now: Date, on db: Database) async throws -> (PasswordToken, User)? {
        guard Token.isWellFormed(secret) else { return nil }
        guard let token = try await PasswordToken.query(on: db).filter(\.$tokenHash == Token.sha256(secret)).with(\.$user).first(),
              token.usedAt == nil, now <= token.expiresAt, token.user.active else { return nil }
        return (token, token.user)
    }

    static let expiredLink = "El enlace no es válido: ya se usó, venció o fue reemplazado por uno más reciente. Pida uno nuevo desde «¿Olvidó su contraseña?» o al administrador."

    /// Sets the password through a link, once; every session of the user ends.
    static func setPassword(secret: String, new: String, confirmation: String, now: Date, on db: Database,
                            hasher: AsyncPasswordHasher) async throws -> User {
        guard let (token, user) = try await link(secret, now: now, on: db) else { throw Abort(.gone, reason: expiredLink) }
        var problems: [String: String] = [:]
        if let problem = PasswordPolicy.problem(new, email: user.email) { problems["nueva"] = "Nueva contraseña: " + problem }
        else if new != confirmation { problems["confirmacion"] = "Confirmación: no coincide con la nueva contraseña." }
        try InvalidInput.check(problems)
        user.passwordHash = try await hasher.hash(new)
        try await db.transaction { db in
            // Used once: a second request with the same link finds it used (checked again inside).
            token.usedAt = now
            try await token.save(on: db)
            try await user.save(on: db)
            try await PasswordToken.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$id != token.requireID()).delete()
            try await SessionStore.endAll(userID: try user.requireID(), on: db)
            let what = token.purpose == .invitacion ? "Aceptó la invitación y creó su contraseña" : "Restableció su contraseña con el enlace enviado a su correo; se cerraron sus sesiones"
            try await AuditLog.record(what, by: Actor(userID: user.id, name: user.name, at: now), entityID: user.$entity.id,
                                      objectType: "usuario", objectID: user.id, planID: nil, on: db)
        }
        return user
    }

    /// "¿Olvidó su contraseña?": mails a reset link when the address belongs to an active user,
    /// at most one every five minutes. The caller answers the same in every case and does not
    /// wait for this (so the time taken tells nothing either).
    /// `db` is taken by the caller while the request runs: this goes on after the answer, and a server
    /// shutting down meanwhile must make it fail with an error, not trap on a database no longer configured.
    static func requestReset(email: String, app: Application, db: Database, now: Date, address: String) async throws {
        let email = String(email.trimmed.lowercased().prefix(320))
        guard !email.isEmpty, let user = try await User.query(on: db).filter(\.$email == email).first(), user.active else { return }
        if let recent = try await PasswordToken.query(on: db).filter(\.$user.$id == user.requireID())
            .filter(\.$purpose == .restablecer).first(), let created = recent.createdAt, now.timeIntervalSince(created) < 300 {
            return
        }
        let secret = try await issueLink(for: user, .restablecer, now: now, on: db)
        try await AuditLog.record("Pidió restablecer la contraseña desde \(address)", by: Actor(userID: nil, name: "Visitante \(address)", at: now),
                                  entityID: user.$entity.id, objectType: "usuario", objectID: user.id, planID: nil, on: db)
        let link = app.settings.publicURL + SiteQuery.append(token: secret, to: SiteURL.setPassword.path)
        try AccountMail.send(MailMessage(to: user.email, toName: user.name, subject: "Vigía: restablecer su contraseña", body: """
            Hola, \(user.name):

            Alguien (esperamos que usted) pidió restablecer la contraseña de su cuenta en Vigía.
            Para elegir una nueva, abra este enlace antes de una hora; sirve una sola vez:

            \(link)

            Si usted no lo pidió, ignore este mensaje: su contraseña sigue igual.
            """), app: app)
    }

    /// An invitation written in the database, whose e-mail leaves only once the transaction that
    /// wrote it has committed (`send`): a rolled-back invitation is never mailed.
    struct Invitation: Sendable {
        let link: String
        let message: MailMessage?
        var mailed: Bool { message != nil }

        func send(_ app: Application) throws {
            if let message { try AccountMail.send(message, app: app) }
        }
    }

    /// Invites a new user: a link valid 72 hours, for the administrador's screen when there is
    /// no mail server, and the e-mail to send after the commit when there is one.
    static func invite(_ user: User, app: Application, by actor: Actor, now: Date, on db: Database) async throws -> Invitation {
        let secret = try await issueLink(for: user, .invitacion, now: now, on: db)
        let link = app.settings.publicURL + SiteQuery.append(token: secret, to: SiteURL.setPassword.path)
        let entity = try await Entity.find(user.$entity.id, on: db)
        var message: MailMessage? = nil
        if app.smtpSettings != nil {
            message = MailMessage(to: user.email, toName: user.name, subject: "Vigía: su cuenta en \(entity?.name ?? "la entidad")", body: """
                Hola, \(user.name):

                \(actor.name) le creó una cuenta en Vigía, el sistema de seguimiento de la Oficina de Control Interno de \(entity?.name ?? "la entidad").
                Su usuario es \(user.email). Para crear su contraseña, abra este enlace antes de tres días; sirve una sola vez:

                \(link)
                """)
        }
        try await AuditLog.record("Envió la invitación a \(user.email)\(message != nil ? " por correo" : " (sin servidor de correo: el enlace se mostró a quien creó la cuenta)")",
                                  by: actor, entityID: user.$entity.id, objectType: "usuario", objectID: user.id, planID: nil, on: db)
        return Invitation(link: link, message: message)
    }
}

/// Account e-mails go straight to the mail server (never into the inbox or the outbox table:
/// they carry a secret), off the request so its timing tells nothing.
enum AccountMail {
    static func send(_ message: MailMessage, app: Application) throws {
        guard let smtp = app.smtpSettings else {
            app.logger.warning("Correo de cuenta para \(message.to) no enviado: no hay servidor de correo configurado (VIGIA_SMTP_URL).")
            return
        }
        let date = app.now
        let logger = app.logger
        Task.detached {
            do { try SMTPClient.send(message, settings: smtp, date: date) } catch { logger.error("Correo de cuenta: \(error)") }
        }
    }
}
