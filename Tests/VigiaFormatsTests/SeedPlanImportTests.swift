import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

@Suite("Import of the B-I-007 seed (Alcaldía de Pasto, OAI)", .enabled(if: Seeds.planSeed != nil, "../shared/seeds is absent"))
struct SeedPlanImportTests {
    let result: PlanImport

    init() throws {
        let text = try String(contentsOf: Seeds.planSeed!, encoding: .utf8)
        result = try PlanImporter.importPlan(text: text)
    }

    @Test func countsFiveFindingsAndTwentyActions() {
        #expect(result.plan.hallazgos.map(\.numero) == [1, 2, 3, 4, 5])
        #expect(result.plan.hallazgos.map(\.acciones.count) == [4, 4, 4, 4, 4])
        #expect(result.plan.actionCount == 20)
    }

    @Test func readsTheFormatHeader() {
        let f = result.plan.formato
        #expect(f.entidad == "ALCALDÍA DE PASTO")
        #expect(f.proceso == "EVALUACIÓN INDEPENDIENTE")
        #expect(f.nombreFormato == "FORMULACIÓN Y SEGUIMIENTO A PLANES DE MEJORAMIENTO")
        #expect(f.codigo == "B-I-007")
        #expect(f.version == "11")
        #expect(f.fecha == "01-nov-2024")
        #expect(f.consecutivo == "1 de 1")
    }

    @Test func findingOneHasEveryField() {
        let f = result.plan.hallazgos[0]
        #expect(f.descripcion.hasPrefix("En el componente 1, se identificó que las acciones desarrolladas por la Oficina de Asuntos Internacionales (OAI)"))
        #expect(f.descripcion.hasSuffix("fortalecer la proyección de Pasto a nivel internacional."))
        #expect(f.descripcion.count == 980)
        #expect(f.causa.hasPrefix("A pesar de la existencia de protocolos para los procesos de empalme"))
        #expect(f.causa.hasSuffix("así como su relación con el Plan de Desarrollo."))
        let a = f.acciones
        #expect(a[0].descripcion == "Elaborar un diagnóstico detallado sobre la alineación del Plan de Acción de la Estrategia de Internacionalización 2020-2030 con el Plan de Desarrollo, identificando brechas y acciones prioritarias para su armonización.")
        #expect(a[0].responsable == "Jefe OAI")
        #expect(a[0].meta == "1 diagnóstico elaborado")
        #expect(a[0].metaCantidad == 1)
        #expect(a[0].indicador == "Número de diagnósticos elaborados")
        #expect(a[1].descripcion == "Ajustar el Plan de Acción de la Estrategia de Internacionalización 2020-2030 para armonizarlo con las metas y estrategias del Plan de Desarrollo Municipal.")
        #expect(a[1].responsable == "Jefe OAI & Secretaría de Planeación")
        #expect(a[1].meta == "1 Plan de Acción de la Estrategia de Internacionalización armonizado")
        #expect(a[1].indicador == "Número de planes de acción armonizados")
        #expect(a[2].descripcion == "Socializar el Plan de Acción armonizado con las dependencias de la municipalidad y actores clave para asegurar su implementación efectiva.")
        #expect(a[2].responsable == "Jefe OAI")
        #expect(a[2].meta == "Realizar al menos 1 jornada de socialización del Plan de Acción armonizado con las dependencias municipales y")
        #expect(a[2].indicador == "Número de jornadas de socialización realizadas")
        #expect(a[3].descripcion == "Implementar mecanismos de seguimiento trimestral para evaluar el cumplimiento del Plan de Acción de la Estrategia de Internacionalización en")
        #expect(a[3].responsable == "Jefe OAI y equipo")
        #expect(a[3].meta == "Diseñar e implementar un sistema de seguimiento y evaluación que permita generar 3 informes trimestrales sobre el")
        #expect(a[3].indicador == "Número de informes trimestrales generados")
    }

    @Test func readsEveryDateDayFirst() {
        let expected: [[(String, String)]] = [
            [("4/01/2025", "30/12/2025"), ("6/01/2025", "31/08/2025"), ("9/01/2025", "15/10/2025"), ("5/01/2025", "30/10/2025")],
            [("4/01/2025", "30/04/2025"), ("5/01/2025", "30/09/2025"), ("5/01/2025", "30/09/2025"), ("5/01/2025", "30/09/2025")],
            [("4/01/2025", "30/04/2025"), ("5/01/2025", "31/05/2025"), ("5/01/2025", "30/09/2025"), ("5/01/2025", "30/09/2025")],
            [("4/01/2025", "30/04/2025"), ("5/01/2025", "30/09/2025"), ("9/01/2025", "30/09/2025"), ("9/01/2025", "30/09/2025")],
            [("4/01/2025", "30/04/2025"), ("5/01/2025", "16/05/2025"), ("17/05/2025", "30/09/2025"), ("17/05/2025", "30/09/2025")],
        ]
        for (f, finding) in result.plan.hallazgos.enumerated() {
            for (a, action) in finding.acciones.enumerated() {
                #expect(action.fechaInicial == LocalDate(dayFirst: expected[f][a].0), "hallazgo \(f + 1) acción \(a + 1)")
                #expect(action.fechaFinal == LocalDate(dayFirst: expected[f][a].1), "hallazgo \(f + 1) acción \(a + 1)")
            }
        }
        #expect(result.plan.hallazgos[0].acciones[0].fechaInicial == LocalDate(year: 2025, month: 1, day: 4))
    }

    @Test func keepsTheThreeClosedActions() throws {
        let round = try #require(result.plan.seguimientos.first)
        let closed = round.calificaciones.filter { $0.estado == .cerrada }.map(\.accion)
        #expect(closed == [ActionRef(hallazgo: 0, accion: 1), ActionRef(hallazgo: 1, accion: 1), ActionRef(hallazgo: 2, accion: 1)])
        #expect(round.calificaciones.allSatisfy { $0.porcentaje == nil })
        let checks = PlanChecks.run(result.plan).filter { $0.codigo == "cerrado_sin_avance" }
        #expect(checks.map(\.mensaje) == [
            "Hallazgo 1, acción 2: CERRADO sin % de avance (Seguimiento 1).",
            "Hallazgo 2, acción 2: CERRADO sin % de avance (Seguimiento 1).",
            "Hallazgo 3, acción 2: CERRADO sin % de avance (Seguimiento 1).",
        ])
        #expect(result.notes.count == 3)
    }

    @Test func readsTheSignatures() {
        #expect(result.plan.firmas == [
            SignatureSnapshot(rol: .elaborado, nombre: "Sara Calad Lopez", cargo: "Contratista OCI"),
            SignatureSnapshot(rol: .revisado, nombre: "HAROLD ALBERO DELGADO M.", cargo: "Jefe Oficina Control Interno"),
            SignatureSnapshot(rol: .aprobado, nombre: "HAROLD ALBERO DELGADO M.", cargo: "Lider del Proceso Evaluación Independiente"),
        ])
        #expect(result.plan.controlDeCambios.isEmpty)
    }

    @Test func theBlankLineInsideFindingThreeContinuesIt() {
        #expect(result.plan.hallazgos[2].acciones[3].descripcion.hasPrefix("Implementar ajustes y acciones correctivas en el proceso de gestión documental"))
    }
}
