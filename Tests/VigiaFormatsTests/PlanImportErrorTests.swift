import Testing
import VigiaCore
@testable import VigiaFormats

/// A minimal file in the B-I-007 layout, built line by line so each test breaks one thing.
func b007(rows: [String]) -> String {
    ([
        "ENTIDAD DE PRUEBA\tPROCESO EVALUACIÓN INDEPENDIENTE",
        "PLAN DE MEJORAMIENTO\t\t\t\t\t\t\t\tSEGUIMIENTO (para diligenciamiento exclusivo de la OCI)",
        "No.\tDESCRIPCIÓN DEL HALLAZGO U OBSERVACIÓN\tCAUSA\tACCIONES CORRECTIVAS O PREVENTIVAS\tRESPONSABLE\tTIEMPO PROGRAMADO\t\tMETA\tINDICADOR DE ACCIÓN DE CUMPLIMIENTO\t% DE AVANCE\tEVIDENCIAS\tOBSERVACIONES\tESTADO DE LA ACCIÓN\t% DE HALLAZGO\tESTADO DE HALLAZGO",
        "\t\t\t\t\tFECHA INICIAL\tFECHA FINAL",
    ] + rows).joined(separator: "\n")
}

@Suite("Import errors name the line and the column, and nothing is kept")
struct PlanImportErrorTests {
    @Test func anUnreadableDateNamesLineAndColumn() {
        let text = b007(rows: ["1\tHallazgo\tCausa\tAcción\tJefe\t31/02/2025\t30/06/2025\t1 informe\tNúmero de informes"])
        #expect(throws: ImportError(line: 5, column: 5, columnName: "FECHA INICIAL",
                                    message: "la fecha «31/02/2025» no es válida; escríbala día primero, dd/mm/aaaa (por ejemplo 4/01/2025).")) {
            try PlanImporter.importPlan(text: text)
        }
        do { _ = try PlanImporter.importPlan(text: text) } catch {
            #expect(error.description.hasPrefix("Línea 5, columna F (FECHA INICIAL): la fecha «31/02/2025»"))
        }
    }

    @Test func aPercentOutsideTheRangeIsRefused() {
        let text = b007(rows: ["1\tHallazgo\tCausa\tAcción\tJefe\t1/02/2025\t30/06/2025\t1 informe\tNúmero de informes\t150"])
        do {
            _ = try PlanImporter.importPlan(text: text)
            Issue.record("a 150 % was accepted")
        } catch {
            #expect(error.line == 5)
            #expect(error.column == 9)
            #expect(error.description.contains("columna J (% DE AVANCE)"))
            #expect(error.description.contains("fuera del rango 0 a 100"))
        }
    }

    @Test func aFileOfAnotherLayoutIsRefused() {
        do {
            _ = try PlanImporter.importPlan(text: "nombre\tapellido\nAna\tPérez\n")
            Issue.record("accepted a file that is not B-I-007")
        } catch {
            #expect(error.line == 1)
            #expect(error.description.contains("no tiene la estructura del formato de plan de mejoramiento"))
        }
    }

    @Test func anUnknownStateIsRefused() {
        let text = b007(rows: ["1\tHallazgo\tCausa\tAcción\tJefe\t1/02/2025\t30/06/2025\t1 informe\tNúmero de informes\t50\t\t\tCASI LISTA"])
        #expect(throws: ImportError.self) { try PlanImporter.importPlan(text: text) }
    }

    @Test func continuationRowsBlankLinesAndRepeatedHeadersAreHandled() throws {
        let header = "No.\tDESCRIPCIÓN DEL HALLAZGO U OBSERVACIÓN\tCAUSA\tACCIONES CORRECTIVAS O PREVENTIVAS\tRESPONSABLE\tTIEMPO PROGRAMADO\t\tMETA\tINDICADOR DE ACCIÓN DE CUMPLIMIENTO\t% DE AVANCE"
        let text = b007(rows: [
            "1\tH1\tC1\tA1\tJefe\t1/02/2025\t30/06/2025\t1 informe\tNúmero de informes\t50%",
            "",
            "\t\t\tA2\tJefe\t1/02/2025\t30/06/2025\t2 talleres\tNúmero de talleres\t0,25",
            header,
            "\t\t\t\t\tFECHA INICIAL\tFECHA FINAL",
            "2\t\"Hallazgo con\ndos líneas\"\tC2\tA3\tJefe\t1/3/25\t30/06/2025\t1 acta\tNúmero de actas",
        ])
        let plan = try PlanImporter.importPlan(text: text).plan
        #expect(plan.hallazgos.map(\.acciones.count) == [2, 1])
        #expect(plan.hallazgos[1].descripcion == "Hallazgo con\ndos líneas")
        #expect(plan.hallazgos[1].acciones[0].fechaInicial == LocalDate(year: 2025, month: 3, day: 1))
        #expect(plan.seguimientos.first?.calificaciones.map(\.porcentaje) == [50, 25])
    }

    @Test func anActionBeforeAnyFindingIsRefused() {
        let text = b007(rows: ["\t\t\tA1\tJefe\t1/02/2025\t30/06/2025\t1 informe\tNúmero de informes"])
        do { _ = try PlanImporter.importPlan(text: text); Issue.record("accepted") } catch {
            #expect(error.line == 5)
            #expect(error.description.contains("ningún hallazgo la precede"))
        }
    }
}

@Suite("Signature blocks")
struct SignatureBlockTests {
    @Test("A repeated signature block keeps one signature per role (the database holds one per role)")
    func repeatedBlock() throws {
        let block = ["Elaborado por:\t\tRevisado por:", "Ana Uno\t\tBeto Dos", "Cargo A\t\tCargo B"]
        let text = b007(rows: ["1\tHallazgo\tCausa\tAcción\tOficina\t01/02/2026\t30/06/2026\tMeta 1\tIndicador"] + block + block)
        let result = try PlanImporter.importPlan(text: text)
        #expect(result.plan.firmas.map(\.rol) == [.elaborado, .revisado])
        #expect(result.plan.firmas.first?.nombre == "Ana Uno")
    }
}
