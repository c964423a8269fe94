import Foundation

/// The JSON document of a program at one period: data, figures (with the method named) and
/// checks. The API and `vigia export program --format json` return exactly this.
public struct ProgramDocument: Codable, Sendable {
    public var programa: ProgramSnapshot
    public var periodo: PeriodSnapshot?
    public var evaluacion: ProgramEvaluation
    public var validaciones: [CheckResult]

    public init(program: ProgramSnapshot, period: Int, method: ProgramMethod = .meanOfComponents) {
        programa = program
        periodo = program.periodos.first { $0.numero == period }
        evaluacion = ProgramEvaluator.evaluate(program, period: period, method: method)
        validaciones = ProgramChecks.run(program, period: period, asOf: periodo?.fechaCorte)
    }
}
