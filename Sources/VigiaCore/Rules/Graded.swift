import Foundation

/// An item the OCI has graded in a seguimiento. Ask `isGraded`, never `porcentaje == nil`:
/// a grade is what locks the responsables' report and what the “por calificar” lists wait for.
public protocol Graded {
    var isGraded: Bool { get }
}

extension GradeSnapshot: Graded {
    /// Graded once the OCI gave it a % (a state or observations alone are not a grade).
    public var isGraded: Bool { porcentaje != nil }
}

extension ActivityFollowUpSnapshot: Graded {
    /// Graded once the OCI gave it a % or marked it N/A.
    public var isGraded: Bool { porcentaje != nil || noAplica }
}

extension RoundSnapshot {
    /// Whether the OCI graded this action in this round.
    public func isGraded(_ action: ActionRef) -> Bool { grade(for: action)?.isGraded == true }
}
