import Fluent
import Foundation
import VigiaCore

/// The in-app inbox: every notification the user received; the OCI also sees the entity's
/// outbox with what was delivered and what failed, and how mail leaves the server.
enum InboxPage {
    struct Model: Sendable, Equatable {
        struct Item: Sendable, Equatable {
            var subject: String
            var body: String
            var createdAt: Date?
            var unread: Bool
        }

        enum Delivery: Sendable, Equatable {
            case sent(Date)
            case failed(attempts: Int, error: String)
            case pending
        }

        struct Outgoing: Sendable, Equatable {
            var createdAt: Date?
            var email: String
            var subject: String
            var delivery: Delivery
        }

        /// How mail leaves the server, shown to the OCI; nil for other roles.
        struct MailStatus: Sendable, Equatable {
            var text: String
            var warning: Bool
        }

        var notifications: [Item]
        /// The page shown (from 1) and the user's notifications in all.
        var page = 1
        var total = 0
        var mailStatus: MailStatus?
        var outbox: [Outgoing]

        var hasUnread: Bool { notifications.contains { $0.unread } }
    }
}

extension InboxPage.Model {
    static let pageSize = 50

    /// `page` nil: every notification (the download), else that page of `pageSize`.
    static func query(on db: Database, user: CurrentUser, today: LocalDate, smtp: SMTPSettings?, page: Int? = 1) async throws -> Self {
        let total = try await Notification.query(on: db).filter(\.$user.$id == user.id).count()
        let shown = Notification.query(on: db).filter(\.$user.$id == user.id).sort(\.$createdAt, .descending).sort(\.$id)
        if let page { shown.range(((page - 1) * pageSize)..<(page * pageSize)) }
        let mine = try await shown.all()
        let oci = user.role.gradesFollowUps
        let outbox = oci
            ? try await Notification.query(on: db).filter(\.$entity.$id == user.entityID).sort(\.$createdAt, .descending).range(..<300).all()
            : []
        return .init(
            notifications: mine.map { Item(subject: $0.subject, body: $0.body, createdAt: $0.createdAt, unread: $0.readAt == nil) },
            page: page ?? 1, total: total,
            mailStatus: oci ? MailStatus(text: smtp?.transportLabel
                                             ?? "No hay servidor de correo configurado (VIGIA_SMTP_URL): las notificaciones quedan solo en la aplicación.",
                                         warning: smtp?.allowPlain == true) : nil,
            outbox: outbox.map { n in
                Outgoing(createdAt: n.createdAt, email: n.email, subject: n.subject,
                         delivery: n.sentAt.map { .sent($0) } ?? n.error.map { .failed(attempts: n.attempts, error: $0) } ?? .pending)
            })
    }
}
