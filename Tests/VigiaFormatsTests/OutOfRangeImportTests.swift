import Testing
import VigiaCore
@testable import VigiaFormats

/// Cells that used to stop the server during an import (found by `vigia-fuzz`) and now give a
/// Spanish error naming the line and the column.
@Suite("Out-of-range cells are import errors, never traps")
struct OutOfRangeImportTests {
    func row(percent: String = "50", start: String = "1/02/2025", end: String = "30/06/2025") -> String {
        b007(rows: ["1\tHallazgo\tCausa\tAcción\tJefe\t\(start)\t\(end)\t1 informe\tNúmero de informes\t\(percent)"])
    }

    func error(_ text: String) -> ImportError? {
        do { _ = try PlanImporter.importPlan(text: text); return nil } catch { return error }
    }

    @Test(arguments: [("1e308", "1E+308"), ("-1e308", "-1E+308"), ("1,5e300 %", "1,5E+300"), ("99999999999999999999", "1E+20")])
    func aHugePercentIsOutOfRange(cell: String, shown: String) {
        #expect(error(row(percent: cell)) == ImportError(line: 5, column: 9, columnName: "% DE AVANCE",
                                                         message: "el % de avance \(shown) está fuera del rango 0 a 100."))
    }

    @Test(arguments: ["nan", "inf", "-infinity", "1e309", "50\u{0}"])
    func aNonNumberIsNotAPercent(cell: String) {
        #expect(error(row(percent: cell)) == ImportError(line: 5, column: 9, columnName: "% DE AVANCE",
                                                         message: "«\(cell)» no es un porcentaje; escriba un número de 0 a 100."))
    }

    @Test(arguments: [("1/02/99999", 5, "FECHA INICIAL"), ("00/00/0000", 5, "FECHA INICIAL"), ("31/02/2023", 5, "FECHA INICIAL"),
                      ("1e15", 5, "FECHA INICIAL"), ("-45000", 5, "FECHA INICIAL"), ("nan", 5, "FECHA INICIAL")])
    func anImpossibleStartDateNamesItsColumn(cell: String, column: Int, name: String) {
        #expect(error(row(start: cell)) == ImportError(line: 5, column: column, columnName: name,
            message: "la fecha «\(cell)» no es válida; escríbala día primero, dd/mm/aaaa (por ejemplo 4/01/2025)."))
    }

    @Test func anExcelSerialOutOfRangeInTheEndDate() {
        #expect(error(row(end: "1e15"))?.description
                == "Línea 5, columna G (FECHA FINAL): la fecha «1e15» no es válida; escríbala día primero, dd/mm/aaaa (por ejemplo 4/01/2025).")
        #expect(PlanCells.date("45000") == LocalDate(year: 2023, month: 3, day: 15))
        #expect(PlanCells.date("1e15") == nil)
    }

    @Test func aProgramPercentOfAnyMagnitudeIsAnError() {
        let text = """
            SEGUIMIENTO PLAN ANTICORRUPCIÓN Y DE ATENCIÓN AL CIUDADANO
            SEGUNDO CUATRIMESTRE 2026
            COMPONENTE 1: Gestión del Riesgo
            SUB COMPONENTE\tACTIVIDADES\tMETA O PRODUCTO\tRESPONSABLES\tFECHA PROGRAMADA\t% AVANCE\tSEGUIMIENTO
            Política\tSocializar\tDos jornadas\tPlaneación\t31/03/2026\t-1e308\tHecho
            """
        do { _ = try ProgramImporter.importProgram(text: text); Issue.record("accepted") } catch {
            #expect(error.description == "Línea 5, columna F (% AVANCE): el % de avance -1E+308 está fuera del rango 0 a 100.")
        }
    }

    /// vigia-fuzz hung here: the format block recomputed a row's cells for each cell, so this
    /// row took hours (the test run would time out); now milliseconds. No time limit: a limit
    /// counts time spent waiting for a thread while other tests run.
    @Test func aRowOfFiftyThousandCellsAboveTheTable() throws {
        let wide = String(repeating: "x\t", count: 50_000)
        let plan = try PlanImporter.importPlan(text: wide + "\n" + row()).plan
        #expect(plan.hallazgos.count == 1)
    }

    /// vigia-fuzz found a program import taking 8 s: a letter with 31,000 accents stacked on
    /// it, which Swift normalises (in quadratic time) for every comparison. Refused at once.
    @Test func aLetterWithThousandsOfMarksIsRefused() {
        let huge = "e" + String(repeating: "\u{0301}", count: 20_000)
        #expect(error(row(percent: "50" + huge)) == ImportError(line: 5, column: 9, message:
            "un carácter lleva más de 30 acentos o marcas seguidas; no es texto legible. Revise el archivo."))
        do { _ = try ProgramImporter.importProgram(text: "SEGUNDO CUATRIMESTRE 2026\nCOMPONENTE 1: X\tY\t" + huge); Issue.record("accepted") }
        catch { #expect(error.description.hasPrefix("Línea 2, columna C: un carácter lleva más de 30 acentos")) }
    }

    @Test func columnLettersForAnyIndex() {
        #expect([0, 25, 26, 51, 701, 702].map(ImportError.letter) == ["A", "Z", "AA", "AZ", "ZZ", "AAA"])
        #expect(ImportError.letter(-1) == "")
        #expect(ImportError.letter(Int.max) == "CRPXNLSKVLJFHH")
    }
}
