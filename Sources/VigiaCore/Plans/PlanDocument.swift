import Foundation

/// The JSON document of a plan: its data, its figures at one round and its checks.
/// The API and `vigia export plan --format json` both return exactly this.
public struct PlanDocument: Codable, Sendable {
    public var plan: PlanSnapshot
    public var evaluacion: RoundEvaluation
    public var validaciones: [CheckResult]

    public init(plan: PlanSnapshot, round: Int?, settings: CheckSettings) {
        self.plan = plan
        self.evaluacion = PlanEvaluator.evaluate(plan, round: round)
        self.validaciones = PlanChecks.run(plan, settings: settings)
    }

    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
