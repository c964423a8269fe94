import Foundation
import Fluent
import VigiaCore

/// The user's private calendar link: whether one is active, and the new one right after it is made.
enum CalendarPage {
    struct Model: Sendable, Equatable {
        var hasToken: Bool
        /// Shown once, on the page that answers its creation.
        var newURL: String?
    }
}

extension CalendarPage.Model {
    static func query(on db: Database, user: CurrentUser, today: LocalDate) async throws -> Self {
        .init(hasToken: try await CalendarToken.query(on: db).filter(\.$user.$id == user.id).count() > 0, newURL: nil)
    }
}
