import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

@Suite("Import of the PAAC seguimiento seed (Gobernación del Putumayo, 2023, cuatrimestre 2)",
       .enabled(if: Seeds.programSeed != nil, "../shared/seeds is absent"))
struct SeedProgramImportTests {
    let result: ProgramImport

    init() throws {
        result = try ProgramImporter.importProgram(text: String(contentsOf: Seeds.programSeed!, encoding: .utf8))
    }

    @Test func sixComponentsAndThirtyThreeActivities() {
        let p = result.program
        #expect(p.componentes.map(\.numero) == [1, 2, 3, 4, 5, 6])
        #expect(p.componentes.map(\.actividades.count) == [8, 7, 5, 4, 5, 4])
        #expect(p.activityCount == 33)
        #expect(p.vigencia == 2023)
        #expect(result.periodo == 2)
        #expect(p.titulo == "SEGUIMIENTO PLAN ANTICORRUPCIÓN Y DE ATENCIÓN AL CIUDADANO")
        #expect(p.componentes[0].nombre == "Gestión del Riesgo de Corrupción – Mapa de Riesgos de Corrupción")
        #expect(p.componentes[3].nombre == "Mecanismos para Mejorar la Atención al Ciudadano")
    }

    @Test func theReportWithFourSubItemsCountsOnce() {
        let c5 = result.program.componentes[4]
        guard c5.actividades.count == 5 else { Issue.record("component 5 has \(c5.actividades.count) activities"); return }
        let parent = c5.actividades[4]
        #expect(parent.actividad == "Actualizar el informe de solicitudes de acceso a información que contenga:")
        #expect(parent.subitems.count == 4)
        #expect(parent.subitems.map { $0.followUp(2)?.noAplica } == [false, true, false, true])
        #expect(ProgramEvaluator.percent(of: parent, period: 2) == 66)
    }

    @Test func figuresOfThePeriod() {
        let e = ProgramEvaluator.evaluate(result.program, period: 2)
        #expect(e.componentes.map { ($0.porcentaje! * 10).rounded() / 10 } == [85.4, 55.7, 72.8, 66.0, 59.0, 49.5])
        #expect((e.porcentaje! * 10).rounded() / 10 == 64.7)
        #expect(e.metodo == .meanOfComponents)
        #expect(e.cumplidas == 8)
        #expect(e.actividades == 33)
        let all = ProgramEvaluator.evaluate(result.program, period: 2, method: .meanOfActivities)
        #expect((all.porcentaje! * 10).rounded() / 10 == 66.5)
        #expect(e.componentes.map(\.zona) == [.verde, .rojo, .amarillo, .amarillo, .rojo, .rojo])
    }

    @Test func cellsKeepTextLinksAndSpecialValues() throws {
        let c1 = result.program.componentes[0]
        let second = c1.actividades[1]
        #expect(second.subcomponente == "Construcción del Mapa de Riesgos de Corrupción")
        #expect(second.fechaProgramada == .date(LocalDate(year: 2022, month: 1, day: 30)!))
        let f = try #require(second.followUp(2))
        #expect(f.porcentaje == 100)
        #expect(f.seguimiento.hasPrefix("Se dio cumplimiento en un 100% en el Primer Cuatrimestre 2023."))
        #expect(!f.seguimiento.contains("<"))
        #expect(f.evidencias.first == "http://putumayo.gov.co/index.php/gestion-de-gobierno/plan-anticorrupcion")
        #expect(f.evidencias.count == 2)
        let c3 = result.program.componentes[2]
        #expect(c3.actividades[0].fechaProgramada == .permanente)
        #expect(c3.actividades[1].subcomponente == "Información")   // blank means same as above
    }

    @Test func readsTheSignatureBlock() {
        #expect(result.program.firmas == [
            SignatureSnapshot(rol: .aprobado, nombre: "GILBERTO PARDO LOPEZ", cargo: "Jefe Oficina Control Interno de Gestión"),
            SignatureSnapshot(rol: .elaborado, nombre: "ELIAN ALEJANDRA GRANDA ORTEGA", cargo: "Profesional Universitario – Oficina Control Interno de Gestión"),
        ])
    }

    @Test func theDeadlinesOfItsPeriods() {
        #expect(result.program.periodos.map(\.fechaLimitePublicacion.iso) == ["2023-05-15", "2023-09-14", "2024-01-16"])
    }
}

@Suite("Program import errors and aggregation edge cases")
struct ProgramImportEdgeTests {
    static let header = "SUB COMPONENTE\tACTIVIDADES\tMETA O PRODUCTO\tREPONSABLES\tFECHA PROGRAMADA\t% AVANCE\tSEGUIMIENTO"

    func text(_ rows: [String]) -> String {
        (["SEGUIMIENTO PLAN ANTICORRUPCIÓN Y DE ATENCIÓN AL CIUDADANO", "PRIMER CUATRIMESTRE 2025", "COMPONENTE 1: Uno", Self.header] + rows)
            .joined(separator: "\n")
    }

    @Test func aBadPercentNamesLineAndColumn() {
        do {
            _ = try ProgramImporter.importProgram(text: text(["S\tA\tM\tR\t30/04/2025\t120%\tx"]))
            Issue.record("accepted 120 %")
        } catch {
            #expect(error.line == 5)
            #expect(error.description.contains("columna F (% AVANCE)"))
        }
    }

    @Test func aBadDateIsRefused() {
        #expect(throws: ImportError.self) { try ProgramImporter.importProgram(text: text(["S\tA\tM\tR\t31/02/2025\t10%\tx"])) }
    }

    @Test func notThisLayout() {
        #expect(throws: ImportError.self) { try ProgramImporter.importProgram(text: "hola\tmundo\n") }
    }

    @Test func allNotApplicableAndEmptyComponents() throws {
        var p = try ProgramImporter.importProgram(text: text(["S\tA\tM\tR\t30/04/2025\tN/A\tx", "\tB\tM\tR\tPermanente\tN/A\ty"])).program
        p.componentes.append(ComponentSnapshot(numero: 2, nombre: "Vacío"))
        let e = ProgramEvaluator.evaluate(p, period: 1)
        #expect(e.componentes[0].porcentaje == nil)
        #expect(e.componentes[0].noAplica == 2)
        #expect(e.componentes[0].zona == .sinDato)
        #expect(e.componentes[1].actividades == 0)
        #expect(e.porcentaje == nil)
    }
}

@Suite("Program checks on the seed", .enabled(if: Seeds.programSeed != nil, "../shared/seeds is absent"))
struct SeedProgramCheckTests {
    @Test func flagsDatesOutsideTheVigencia() throws {
        let p = try ProgramImporter.importProgram(text: String(contentsOf: Seeds.programSeed!, encoding: .utf8)).program
        let checks = ProgramChecks.run(p, period: 2, asOf: LocalDate(year: 2023, month: 8, day: 31))
        let outside = checks.filter { $0.codigo == "fecha_fuera_de_vigencia" }.map(\.mensaje)
        #expect(outside == [
            "Componente 1, actividad 2: la fecha programada 30/01/2022 está fuera de la vigencia 2023.",
            "Componente 5, actividad 2: la fecha programada 31/12/2022 está fuera de la vigencia 2023.",
        ])
        #expect(checks.contains { $0.codigo == "vencida" && $0.hallazgo == 2 })  // 30/06/2023 at 90 %
        #expect(checks.contains { $0.codigo == "sin_evidencia" })
        #expect(!checks.contains { $0.codigo == "sin_responsable" })
    }
}
