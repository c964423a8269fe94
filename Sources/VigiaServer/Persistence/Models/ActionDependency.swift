import Fluent
import Vapor
import VigiaCore

/// The dependencias responsible for an action (besides the free-text responsable).
final class ActionDependency: Model, @unchecked Sendable {
    static let schema = "action_dependencies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "action_id") var action: Action
    @Parent(key: "dependency_id") var dependency: Dependency

    init() {}
}
