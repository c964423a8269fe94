import Fluent
import Vapor
import VigiaCore

/// The in-app inbox: every notification the user received; the OCI also sees the entity's
/// outbox with what was delivered and what failed.
enum InboxController {
    @Sendable static func page(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let format = try ListDownload.format(req)
        let page = req.query[String.self, at: "pagina"].flatMap { Int($0) }.map { min(max($0, 1), 1_000_000) } ?? 1
        let model = try await InboxPage.Model.query(on: req.db, user: user, today: req.today, smtp: req.application.smtpSettings,
                                                    page: format == nil ? page : nil)
        if let format {
            return try ListDownload.response(ListTables.notifications(model, user: user.name, today: req.today), format, today: req.today)
        }
        let ctx = PageContext(req, title: InboxPage.View.title)
        return Layout.render(ctx) { InboxPage.View.content(model, csrf: ctx.csrf) }
    }

    @Sendable static func markRead(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await Notification.query(on: req.db).filter(\.$user.$id == user.id).filter(\.$readAt == nil).set(\.$readAt, to: req.now).update()
        return req.redirect(to: SiteURL.inbox.path)
    }
}

extension VigiaTasks {
    /// Plans, stores and sends the day's reminders once (what the server does every hour).
    public static func notify(today: LocalDate, app: Application) async throws -> (created: Int, sent: Int, failed: Int) {
        let o = try await NotificationService.run(today: today, app: app, smtp: app.smtpSettings)
        return (o.created, o.sent, o.failed)
    }
}
