import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

/// The project's own sample program (San Isidro del Valle 2026), two published cuatrimestres.
@Suite("Sample program written for Vigía")
struct SampleProgramTests {
    func load(_ n: Int) throws -> ProgramImport {
        try ProgramImporter.importProgram(text: String(contentsOf: Seeds.sample("seguimiento-paac-demo-2026-c\(n).txt"), encoding: .utf8))
    }

    func rounded(_ v: Double?) -> Double? { v.map { ($0 * 100).rounded() / 100 } }

    @Test func firstCuatrimestre() throws {
        let r = try load(1)
        #expect(r.periodo == 1)
        #expect(r.program.vigencia == 2026)
        #expect(r.program.componentes.map(\.actividades.count) == [4, 2, 3, 3, 3, 2])
        let e = ProgramEvaluator.evaluate(r.program, period: 1)
        #expect(e.componentes.map { rounded($0.porcentaje) } == [54, 20, 45, 41.5, 31, 41.5])
        #expect(rounded(e.porcentaje) == 38.83)
        #expect(rounded(ProgramEvaluator.evaluate(r.program, period: 1, method: .meanOfActivities).porcentaje) == 40.63)
        #expect(e.cumplidas == 2)
        #expect(e.zona == .rojo)
    }

    @Test func secondCuatrimestre() throws {
        let r = try load(2)
        #expect(r.periodo == 2)
        let e = ProgramEvaluator.evaluate(r.program, period: 2)
        #expect(e.componentes.map { rounded($0.porcentaje) } == [83, 80, 71.67, 83, 78.67, 83])
        #expect(rounded(e.porcentaje) == 79.89)
        #expect(e.cumplidas == 7)
        #expect(e.zona == .amarillo)
        #expect(e.componentes[3].noAplica == 1)
        let parent = r.program.componentes[4].actividades[2]
        #expect(parent.subitems.count == 3)
        #expect(ProgramEvaluator.percent(of: parent, period: 2) == 66)
        #expect(r.program.firmas.map(\.nombre) == ["RAMIRO ESTRADA PAZ", "LAURA BENAVIDES ORTIZ"])
    }
}
