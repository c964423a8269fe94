import Foundation
import Testing
import VigiaCore
@testable import VigiaFormats

/// Published corruption risk maps in the 2015 numeric style, the word style and Función
/// Pública's percentages; their seguimiento; and refusals that name the line and the column.
@Suite("Corruption risk map import")
struct RiskMapImportTests {
    func sample(_ name: String) throws -> String { try String(contentsOf: Seeds.sample(name), encoding: .utf8) }

    @Test("The sample map (Guía 2015, «3 10 30 ALTA»): its risks, controls, actions and ratings as printed")
    func sampleMap() throws {
        let r = try RiskMapImporter.importMap(text: try sample("mapa-riesgos-corrupcion-demo-2026.tsv"))
        let map = r.map, m = map.metodologia
        #expect(r.periodo == nil && map.vigencia == 2026 && map.entidad == "ALCALDÍA DE SAN ISIDRO DEL VALLE" && m == .guia2015)
        #expect(map.riesgos.map(\.numero) == [1, 2, 3, 4, 5, 6])
        #expect(map.riesgos.map { m.label($0.inherente) } == ["4 20 80 EXTREMA", "3 10 30 ALTA", "3 10 30 ALTA", "2 10 20 MODERADA", "2 20 40 ALTA", "3 5 15 MODERADA"])
        #expect(map.riesgos.map { m.label($0.residual(m)) } == ["2 20 40 ALTA", "2 10 20 MODERADA", "2 10 20 MODERADA", "1 10 10 BAJA", "1 20 20 MODERADA", "2 5 10 BAJA"])
        let first = map.riesgos[0]
        #expect(first.controles.count == 2 && first.acciones.count == 2 && first.controles[1].tipo == .preventivo)
        #expect(first.acciones[1].plan.responsable == "Oficina de Contratación" && first.acciones[1].plan.fechaFin == LocalDate(year: 2026, month: 12, day: 31))
        #expect(map.riesgos[1].controles.first?.tipo == .detectivo && map.riesgos[3].opcionDeManejo == .evitar)
        #expect(first.controles[0].evidencia == "Actas del comité de contratación")
        #expect(RiskChecks.run(map.riesgos.map(\.entry), methodology: m).isEmpty)
        let e = RiskMapEvaluation(map, period: 1)
        #expect(e.inherente.joined().reduce(0, +) == 6 && e.inherente[3][2] == 1 && e.residual[0][1] == 1 && e.residual[1][0] == 1 && e.porcentaje == nil)
    }

    @Test("The sample seguimientos: % per risk and per map by hand, and the materialised risk")
    func sampleFollowUps() throws {
        let c1 = try RiskMapImporter.importMap(text: try sample("seguimiento-mapa-riesgos-demo-2026-c1.tsv"))
        #expect(c1.periodo == 1)
        let e1 = RiskMapEvaluation(c1.map, period: 1)
        #expect(e1.porRiesgo == [1: 40, 2: 40, 3: 25, 4: 100, 5: 20, 6: 0] && e1.porcentaje == 37.5)
        let c2 = try RiskMapImporter.importMap(text: try sample("seguimiento-mapa-riesgos-demo-2026-c2.tsv"))
        let e2 = RiskMapEvaluation(c2.map, period: 2)
        #expect(c2.periodo == 2 && e2.porRiesgo == [1: 80, 2: 100, 3: 50, 4: 100, 5: 45, 6: 30] && e2.porcentaje == 67.5)
        #expect(c2.map.riesgos[2].materializaciones.first?.materializado == true)
        #expect(c2.map.riesgos[2].materializaciones.first?.descripcion.contains("trasladado a Control Disciplinario") == true)
        #expect(c2.map.riesgos[0].materializaciones == [RiskMaterialisation(periodo: 2, materializado: false)])
    }

    /// The word style, with a group title row over «PROBABILIDAD | IMPACTO | ZONA».
    static let wordStyle = """
        Entidad: Hospital San Rafael E.S.E.\t\t\t\t\t\t\t\t\t\t
        Mapa de riesgos de corrupción 2027\t\t\t\t\t\t\t\t\t\t
        No.\tRIESGO\tRIESGO INHERENTE\t\t\tCONTROLES\tRIESGO RESIDUAL\t\t\tOPCIÓN DE MANEJO\tACCIONES\tRESPONSABLE
        \t\tPROBABILIDAD\tIMPACTO\tZONA\t\tPROBABILIDAD\tIMPACTO\tZONA\t\t\t
        1\tPosibilidad de recibir dádivas por asignar citas\tPosible\tMayor\tAlta\tAgenda en línea con turnos\tImprobable\tMayor\tModerada\tReducir\tPublicar la agenda\tSubgerencia
        2\tPosibilidad de hurto de medicamentos\tCASI SEGURO\tCATASTRÓFICO\tEXTREMA\tInventario semanal\tPROBABLE\tCATASTRÓFICO\tEXTREMA\tReducir\tCámaras en farmacia\tAlmacén
        """

    @Test("The word style in its own columns under a group title row")
    func wordStyleMap() throws {
        let map = try RiskMapImporter.importMap(text: Self.wordStyle).map
        let m = map.metodologia
        #expect(m == .guia2015 && map.entidad == "Hospital San Rafael E.S.E." && map.vigencia == 2027)
        #expect(map.riesgos.map { m.label($0.inherente) } == ["3 10 30 ALTA", "5 20 100 EXTREMA"])
        #expect(map.riesgos.map { $0.residualRegistrado.map(m.label) } == ["2 10 20 MODERADA", "4 20 80 EXTREMA"])
    }

    @Test("Función Pública's percentages are recognised and read on its 5 × 5 map")
    func percentStyle() throws {
        let text = """
            Vigencia 2026
            No.\tRIESGO\tPROBABILIDAD INHERENTE\tIMPACTO INHERENTE\tZONA INHERENTE\tCONTROLES\tTIPO DE CONTROL\tPROBABILIDAD RESIDUAL\tIMPACTO RESIDUAL\tZONA RESIDUAL
            1\tPosibilidad de alterar un inventario\t60 %\t80 %\tAlto\tConciliación mensual\tDetectivo\tBaja\tMayor\tAlto
            2\tPosibilidad de favorecer a un contratista\tMuy alta\tCatastrófico\tExtremo\tComité de contratación\tPreventivo\t40%\t100%\tExtremo
            """
        let map = try RiskMapImporter.importMap(text: text).map
        #expect(map.metodologia == .funcionPublicaV6)
        #expect(map.riesgos.map { map.metodologia.label($0.inherente) } == ["60 % 80 % ALTO", "100 % 100 % EXTREMO"])
        #expect(map.riesgos[0].residualRegistrado == RiskRating(probabilidad: 1, impacto: 3))
    }

    func refusal(_ text: String) -> String? {
        do { _ = try RiskMapImporter.importMap(text: text); return nil } catch { return error.description }
    }

    static let head = "Vigencia 2026\nNo.\tRIESGO\tRIESGO INHERENTE\tCONTROLES\tRIESGO RESIDUAL\tOPCIÓN DE MANEJO\tACCIONES\tRESPONSABLE\tFECHA INICIO\tFECHA FIN\n"

    @Test("Bad input is refused naming the line and the column, in Spanish")
    func refusals() {
        #expect(refusal(Self.head + "1\tPosibilidad de cobrar\t3 10 40 ALTA\tControl\t\tReducir\n")
                == "Línea 3, columna C (RIESGO INHERENTE): 3 × 10 es 30, no 40.")
        #expect(refusal(Self.head + "1\tPosibilidad de cobrar\t3 10 30 BAJA\tControl\t\tReducir\n")
                == "Línea 3, columna C (RIESGO INHERENTE): la zona escrita es «BAJA», pero probabilidad Posible e impacto Mayor dan «ALTA» en la metodología «Guía para la Gestión del Riesgo de Corrupción 2015».")
        #expect(refusal(Self.head + "1\tPosibilidad de cobrar\t3 10 30 ALTA\tControl\t2 10 20 MODERADA\tAceptar\n")
                == "Línea 3, columna F (OPCIÓN DE MANEJO): un riesgo de corrupción no se puede aceptar; elija reducir, evitar o compartir.")
        #expect(refusal(Self.head + "1\tPosibilidad de cobrar\t3 10 30 ALTA\tControl\t\tReducir\tAcción\tJefe\t31/02/2026\t30/06/2026\n")
                == "Línea 3, columna I (FECHA INICIO): «31/02/2026» no es una fecha (dd/mm/aaaa).")
        #expect(refusal(Self.head + "uno\tPosibilidad de cobrar\t3 10 30 ALTA\n") == "Línea 3, columna A (No.): «uno» no es el número de un riesgo.")
        let unknown = refusal(Self.head + "1\tPosibilidad de cobrar\t7 10 70 ALTA\n")
        #expect(unknown?.hasPrefix("Línea 3, columna C (RIESGO INHERENTE): no se reconoce la probabilidad") == true)
        #expect(unknown?.hasSuffix("(Se leyó con la metodología «Guía para la Gestión del Riesgo de Corrupción 2015»; si el mapa usa otra, indíquela: guia2015, v5 o v6.)") == true)
        #expect(refusal(Self.head.replacingOccurrences(of: "Vigencia 2026\n", with: "") + "1\tPosibilidad\t3 10 30 ALTA\n")?.contains("falta la vigencia") == true)
        #expect(refusal("Vigencia 2026\nNo.\tRIESGO\tCONTROLES\n1\tX\tY\n") == "Línea 2: faltan las columnas del riesgo inherente: una «RIESGO INHERENTE» (por ejemplo «3 10 30 ALTA») o «PROBABILIDAD» e «IMPACTO» antes de los controles.")
        #expect(refusal("Un texto cualquiera\n")?.contains("no se encontró la fila de títulos del mapa de riesgos") == true)
        #expect(refusal(Self.head.replacingOccurrences(of: "FECHA FIN", with: "FECHA FIN\t% AVANCE") + "1\tX\t3 10 30 ALTA\n")?.contains("no dice de qué periodo") == true)
    }

    @Test("Thousands of mangled maps never trap: each one is read or refused")
    func fuzz() throws {
        let base = try sample("seguimiento-mapa-riesgos-demo-2026-c1.tsv")
        var rng = SystemRandomNumberGenerator()
        let pieces = ["\t", "\r\n", "\n", "3 10 30", "ALTA", "%", "", "99999999999999999999", "-1", "Sí", "31/02/2026", "\u{0}", "CONTROLES", "RIESGO", "No.", "Posible", "1e308", "٣"]
        for _ in 0..<2_000 {
            var chars = Array(base)
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let at = Int.random(in: 0..<chars.count, using: &rng)
                switch Int.random(in: 0...2, using: &rng) {
                case 0: chars.remove(at: at)
                case 1: chars.insert(contentsOf: pieces.randomElement(using: &rng) ?? "", at: at)
                default: chars.replaceSubrange(at..<min(chars.count, at + Int.random(in: 1...40, using: &rng)), with: [])
                }
                if chars.isEmpty { chars = ["x"] }
            }
            _ = try? RiskMapImporter.importMap(text: String(chars))
        }
    }

    @Test("The map's document: one block per risk, ratings as published, the period's % per action and risk, in XLSX and PDF",
          .enabled(if: Poppler.available, "poppler-utils is not installed"))
    func document() throws {
        var map = try RiskMapImporter.importMap(text: try sample("mapa-riesgos-corrupcion-demo-2026.tsv")).map
        map = try map.withFollowUps(from: RiskMapImporter.importMap(text: try sample("seguimiento-mapa-riesgos-demo-2026-c2.tsv")).map, period: 2)
        // Overdue on 01/12/2026: risk 5's action (ends 30/11, 45 %) and risk 6's (ends 31/10, 30 %); the rest reached 100 % or end later.
        #expect(map.overdueActions(today: LocalDate(year: 2026, month: 12, day: 1)!) == 2)
        #expect(map.overdueActions(today: LocalDate(year: 2026, month: 5, day: 1)!) == 0)
        #expect(map.risksPerZone.map(\.zone) == ["Extrema", "Alta", "Moderada", "Baja"])
        #expect(map.risksPerZone.map(\.inherent) == [1, 3, 2, 0] && map.risksPerZone.map(\.residual) == [0, 1, 3, 2])
        let doc = RiskMapDocument.build(map, period: 2, formato: FormatHeader(entidad: "Alcaldía de San Isidro del Valle", codigo: "EI-F-012"))
        let table = doc.secciones[0].tabla
        // Risk 1 has two controls and two actions: two rows, its own cells spanning both.
        #expect(table.filas.count == 7 && table.filas[0].celdas[3].filas == 2 && table.filas[1].celdas[3].cubierta)
        // 2015 style: probabilidad, impacto, puntaje, zona («4 20 80 EXTREMA»), inherent then residual.
        #expect(table.filas[0].celdas[5].texto == "4 Probable" && table.filas[0].celdas[5].valor == 4 && table.filas[0].celdas[6].valor == 20)
        #expect(table.filas[0].celdas[7].texto == "80" && table.filas[0].celdas[8].texto == "EXTREMA")
        #expect(table.filas[0].celdas[13].texto == "40" && table.filas[0].celdas[14].texto == "ALTA" && table.filas[1].celdas[9].texto.hasPrefix("Publicación de los pliegos"))
        #expect(table.filas[0].celdas[21].valor == 100 && table.filas[1].celdas[21].valor == 60 && table.filas[0].celdas[23].valor == 80)
        #expect(doc.metadatos.contains(ReportField("Avance del mapa", "67,5 %")) && doc.formato.codigo == "")
        let xlsx = try XLSXSheet.read(try XLSXRenderer.render(doc))
        #expect(xlsx.cells.values.contains("Posibilidad de usar los vehículos y el combustible de la entidad para beneficio particular"))
        // The score and the zone are formulas over the levels, their cached results what Vigía computed.
        let first = try #require(xlsx.cells.first { $0.value == "Posibilidad de direccionar los estudios previos y los pliegos de condiciones para favorecer a un oferente determinado, a cambio de un beneficio privado" }?.key)
        let row = String(first.drop { $0.isLetter })
        #expect(xlsx.formulas["H\(row)"] == "IF(AND(ISNUMBER(F\(row)),ISNUMBER(G\(row))),F\(row)*G\(row),\"\")" && xlsx.numbers["H\(row)"] == 80)
        #expect(xlsx.formulas["I\(row)"] == "IFERROR(INDEX({\"BAJA\",\"BAJA\",\"MODERADA\";\"BAJA\",\"MODERADA\",\"ALTA\";\"MODERADA\",\"ALTA\",\"EXTREMA\";\"ALTA\",\"EXTREMA\",\"EXTREMA\";\"ALTA\",\"EXTREMA\",\"EXTREMA\"},MATCH(F\(row),{1,2,3,4,5},0),MATCH(G\(row),{5,10,20},0)),\"\")")
        #expect(xlsx.cells["I\(row)"] == "EXTREMA" && xlsx.numbers["F\(row)"] == 4 && xlsx.formulas["N\(row)"]?.hasPrefix("IF(AND(ISNUMBER(L\(row))") == true)
        let text = try Poppler.flatText(try PDFRenderer.render(doc))
        #expect(text.contains("MAPA DE RIESGOS DE CORRUPCIÓN 2026") && text.contains("Segundo cuatrimestre") && text.contains("67,5 %"))
    }

    @Test("Función Pública's document: the levels as percentages and the zone as a lookup keyed by them")
    func percentDocument() throws {
        var map = RiskMap(entidad: "E", vigencia: 2027, metodologia: .funcionPublicaV6)
        try map.saveRisk(RiskInput(proceso: "Talento humano", riesgo: "Posibilidad de vincular sin requisitos para beneficio de un tercero", probabilidad: 3, respuestas: [1, 2]))
        let doc = RiskMapDocument.build(map, period: 1, formato: FormatHeader(entidad: "E"))
        let cells = doc.secciones[0].tabla.filas[0].celdas
        #expect(cells[5].texto == "Alta (80 %)" && cells[5].valor == 80 && cells[6].texto == "Moderado (60 %)" && cells[7].texto == "ALTO")
        let xlsx = try XLSXSheet.read(try XLSXRenderer.render(doc))
        let zone = try #require(xlsx.formulas.first { $0.key.hasPrefix("H") }?.value)
        #expect(zone.contains("MATCH(F") && zone.contains("{0.2,0.4,0.6,0.8,1}") && zone.contains("\"EXTREMO\""))
        #expect(xlsx.numbers.values.contains(0.8) && xlsx.cells.values.contains("ALTO"))
    }

    @Test("Cells read by position, the vigencia after its word, «Sin …» not a yes, a control that starts with «Firma» inside the table")
    func readingDetails() throws {
        let v6 = RiskMethodology.funcionPublicaV6
        // Alta × Leve is Moderado: the zone word «MODERADO» is not read as the impacto «Moderado».
        #expect(try RiskRatingText.rating("ALTA LEVE MODERADO", in: v6).get() == RiskRating(probabilidad: 3, impacto: 0))
        #expect((try? RiskRatingText.rating("POSIBLE MAYOR MODERADO", in: .guia2015).get()) == nil, "a wrong zone is refused")
        #expect(RiskMapRows.yesNo("Sin materialización") == nil && RiskMapRows.yesNo("Sí, se trasladó") == true && RiskMapRows.yesNo("NO") == false)
        let text = """
            MAPA DE RIESGOS DE CORRUPCIÓN (Decreto 124 de 2016) – VIGENCIA 2026
            No.\tRIESGO\tRIESGO INHERENTE\tCONTROLES\tRIESGO RESIDUAL\tOPCIÓN DE MANEJO
            1\tPosibilidad de desviar recursos\t3 10 30 ALTA\tConciliación bancaria\t2 10 20 MODERADA\tReducir
            \t\t\tFirma de dos funcionarios en cada orden de pago\t\t
            2\tPosibilidad de cobrar por un trámite\t2 10 20 MODERADA\tVentanilla única\t1 10 10 BAJA\tEvitar
            Elaboró: Oficina de Planeación
            """
        let map = try RiskMapImporter.importMap(text: text).map
        #expect(map.vigencia == 2026 && map.riesgos.count == 2 && map.riesgos[0].controles.count == 2)
    }

    @Test("A seguimiento replaces its period, matches actions by their text and refuses one the map lacks")
    func followUpMerge() throws {
        let map = try RiskMapImporter.importMap(text: try sample("mapa-riesgos-corrupcion-demo-2026.tsv")).map
        let c1 = try RiskMapImporter.importMap(text: try sample("seguimiento-mapa-riesgos-demo-2026-c1.tsv")).map
        var once = try map.withFollowUps(from: c1, period: 1)
        once = try once.withFollowUps(from: c1, period: 1)
        #expect(RiskMapEvaluation(once, period: 1).porcentaje == 37.5 && once.riesgos[0].acciones[0].seguimientos.count == 1)
        var reordered = c1
        reordered.riesgos[0].acciones.reverse()
        #expect(try map.withFollowUps(from: reordered, period: 1) == once, "actions are matched by their text, not their place")
        var stray = c1
        stray.riesgos[0].acciones[0].plan.descripcion = "Una acción que el mapa no tiene"
        #expect(throws: RiskMapMismatch("la acción «Una acción que el mapa no tiene» del riesgo 1 no está en el mapa 2026.")) {
            _ = try map.withFollowUps(from: stray, period: 1)
        }
    }
}
