import Fluent
import Vapor
import VigiaCore

final class ActivityDependency: Model, @unchecked Sendable {
    static let schema = "activity_dependencies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: ProgramActivity
    @Parent(key: "dependency_id") var dependency: Dependency

    init() {}
}
