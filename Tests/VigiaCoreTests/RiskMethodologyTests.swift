import Foundation
import Testing
@testable import VigiaCore

private func d(_ text: String) -> LocalDate { LocalDate(dayFirst: text)! }

/// Every cell of both heat maps as the methodologies publish them, the impact questionnaire, and
/// how controls give the residual rating.
@Suite("Corruption risk methodologies")
struct RiskMethodologyTests {
    /// Guía 2015, as published maps print it: probabilidad, impacto, score and zone of each cell.
    static let guia2015Cells: [(p: Int, i: Int, printed: String)] = [
        (0, 0, "1 5 5 BAJA"), (0, 1, "1 10 10 BAJA"), (0, 2, "1 20 20 MODERADA"),
        (1, 0, "2 5 10 BAJA"), (1, 1, "2 10 20 MODERADA"), (1, 2, "2 20 40 ALTA"),
        (2, 0, "3 5 15 MODERADA"), (2, 1, "3 10 30 ALTA"), (2, 2, "3 20 60 EXTREMA"),
        (3, 0, "4 5 20 ALTA"), (3, 1, "4 10 40 EXTREMA"), (3, 2, "4 20 80 EXTREMA"),
        (4, 0, "5 5 25 ALTA"), (4, 1, "5 10 50 EXTREMA"), (4, 2, "5 20 100 EXTREMA"),
    ]

    @Test("Guía 2015: the 15 cells (probabilidad × impacto and zone)")
    func guia2015EveryCell() {
        let m = RiskMethodology.guia2015
        #expect(m.problems().isEmpty)
        for cell in Self.guia2015Cells {
            #expect(m.label(RiskRating(probabilidad: cell.p, impacto: cell.i)) == cell.printed, "\(cell)")
        }
        // The zone is a lookup: 20 is Moderada at 1 × 20 and 2 × 10 but Alta at 4 × 5.
        #expect(m.zone(probabilidad: 1, impacto: 1)?.nombre == "Moderada" && m.zone(probabilidad: 3, impacto: 0)?.nombre == "Alta")
    }

    /// Función Pública v5/v6, rows from Muy baja up, columns Leve … Catastrófico.
    static let funcionPublicaZones = [
        ["Bajo", "Bajo", "Moderado", "Alto", "Extremo"],
        ["Bajo", "Moderado", "Moderado", "Alto", "Extremo"],
        ["Moderado", "Moderado", "Moderado", "Alto", "Extremo"],
        ["Moderado", "Moderado", "Alto", "Alto", "Extremo"],
        ["Alto", "Alto", "Alto", "Alto", "Extremo"],
    ]

    @Test("Función Pública v5 and v6: the 25 cells of the heat map", arguments: [RiskMethodology.funcionPublicaV5, .funcionPublicaV6])
    func funcionPublicaEveryCell(m: RiskMethodology) {
        #expect(m.problems().isEmpty)
        for (p, row) in Self.funcionPublicaZones.enumerated() {
            for (i, zone) in row.enumerated() {
                #expect(m.zone(probabilidad: p, impacto: i)?.nombre == zone, "\(m.nombre) \(p) \(i)")
            }
        }
        #expect(m.label(RiskRating(probabilidad: 2, impacto: 3)) == "60 % 80 % ALTO")
        #expect(m.score(RiskRating(probabilidad: 2, impacto: 3)) == 48)
    }

    @Test("Levels outside the methodology have no zone and print a dash, without trapping")
    func outOfRange() {
        for m in RiskMethodology.builtIn {
            for r in [RiskRating(probabilidad: -1, impacto: 0), RiskRating(probabilidad: 0, impacto: 9), RiskRating(probabilidad: .max, impacto: .min)] {
                #expect(m.zone(probabilidad: r.probabilidad, impacto: r.impacto) == nil)
                #expect(m.label(r) == "—" && m.score(r) == nil && m.residual(r, controls: []) == r)
            }
        }
    }

    @Test("The questionnaire: 1–5 «sí» Moderado, 6–11 Mayor, 12–19 Catastrófico; never below Moderado")
    func questionnaire() {
        let m2015 = RiskMethodology.guia2015, v6 = RiskMethodology.funcionPublicaV6
        #expect(m2015.preguntas.count == 19)
        for (yes, level) in [(0, "Moderado"), (1, "Moderado"), (5, "Moderado"), (6, "Mayor"), (11, "Mayor"), (12, "Catastrófico"), (19, "Catastrófico"), (400, "Catastrófico"), (-3, "Moderado")] {
            #expect(m2015.impactos[m2015.impacto(respuestasSi: yes)].nombre == level, "2015 \(yes)")
            #expect(v6.impactos[v6.impacto(respuestasSi: yes)].nombre == level, "v6 \(yes)")
        }
    }

    @Test("Guía 2015: the controls' mean score lowers probabilidad (preventive, detective) or impacto (corrective) by 0, 1 or 2 levels")
    func guia2015Residual() {
        let m = RiskMethodology.guia2015
        let inherent = RiskRating(probabilidad: 2, impacto: 1)   // 3 10 30 ALTA
        func control(_ tipo: Control.Tipo, _ score: Double?) -> Control {
            Control(descripcion: "Control", tipo: tipo, implementacion: .manual, evidencia: "Acta", puntaje: score)
        }
        // The published example: one preventive control moves "3 10 30 ALTA" to "2 10 20 MODERADA".
        #expect(m.label(m.residual(inherent, controls: [control(.preventivo, 70)])) == "2 10 20 MODERADA")
        #expect(m.residual(inherent, controls: [control(.preventivo, 50)]) == inherent)
        #expect(m.residual(inherent, controls: [control(.preventivo, 100), control(.detectivo, 40)]) == RiskRating(probabilidad: 1, impacto: 1))   // mean 70: one level
        #expect(m.residual(inherent, controls: [control(.preventivo, 90)]) == RiskRating(probabilidad: 0, impacto: 1))
        #expect(m.residual(inherent, controls: [control(.correctivo, 80)]) == RiskRating(probabilidad: 2, impacto: 0))
        #expect(m.residual(RiskRating(probabilidad: 0, impacto: 0), controls: [control(.preventivo, 100), control(.correctivo, 100)])
                == RiskRating(probabilidad: 0, impacto: 0))
        #expect(m.residual(inherent, controls: [control(.preventivo, nil), control(.preventivo, .nan)]) == inherent)
    }

    @Test("Función Pública: controls take their weight off the value left, one after another")
    func funcionPublicaResidual() {
        let m = RiskMethodology.funcionPublicaV6
        let inherent = RiskRating(probabilidad: 2, impacto: 3)   // Media 60 %, Mayor 80 %: Alto
        let preventiveManual = Control(descripcion: "Revisión", tipo: .preventivo, implementacion: .manual)
        let detectiveManual = Control(descripcion: "Conciliación", tipo: .detectivo, implementacion: .manual)
        let correctiveAutomatic = Control(descripcion: "Bloqueo", tipo: .correctivo, implementacion: .automatica)
        #expect(m.weight(of: preventiveManual) == 40 && m.weight(of: correctiveAutomatic) == 35)
        // 60 % − 40 % of it = 36 % → Baja; then − 30 % of 36 % = 25,2 % → Baja.
        #expect(m.residual(inherent, controls: [preventiveManual]) == RiskRating(probabilidad: 1, impacto: 3))
        #expect(m.residual(inherent, controls: [preventiveManual, detectiveManual]) == RiskRating(probabilidad: 1, impacto: 3))
        // Two preventive manual controls: 60 → 36 → 21,6 % → Baja (not 12 %, Muy baja, as summing them would give).
        #expect(m.residual(inherent, controls: [preventiveManual, preventiveManual]) == RiskRating(probabilidad: 1, impacto: 3))
        #expect(m.residual(inherent, controls: [preventiveManual, preventiveManual, preventiveManual]).probabilidad == 0)
        // 80 % − 35 % = 52 % → Moderado; a corruption risk's impacto never goes below Moderado.
        #expect(m.residual(inherent, controls: [correctiveAutomatic]) == RiskRating(probabilidad: 2, impacto: 2))
        #expect(m.residual(inherent, controls: Array(repeating: correctiveAutomatic, count: 6)).impacto == 2)
        #expect(m.label(m.residual(inherent, controls: [preventiveManual, correctiveAutomatic])) == "40 % 60 % MODERADO")
    }

    @Test("An edited copy is refused by field when its scales, matrix or thresholds do not fit")
    func editedCopy() {
        var m = RiskMethodology.funcionPublicaV6
        m.nombre = "Política de riesgos 2026"
        m.zonas[3].color = "rojo"
        m.matriz[4].removeLast()
        m.umbralesImpacto = [0, 12, 6]
        m.probabilidades[1].valor = 10
        let problems = m.problems()
        #expect(Set(problems.keys) == ["zonas", "matriz", "umbralesImpacto", "probabilidades"], "\(problems)")
        #expect(problems["zonas"] == "Zonas: «rojo» no es un color #RRGGBB.")
        var json = RiskMethodology.guia2015
        json.nombre = "Copia"
        let decoded = try? JSONDecoder().decode(RiskMethodology.self, from: JSONEncoder().encode(json))
        #expect(decoded == json)
    }

    func risk(_ inherent: RiskRating, residual: RiskRating? = nil, treatment: Treatment? = .reducir,
              controls: [Control] = [], actions: [RiskActionPlan] = []) -> RiskEntry {
        RiskEntry(numero: 4, riesgo: "Posibilidad de recibir dádivas para beneficio privado", inherente: inherent, controles: controls,
                  residualRegistrado: residual, opcionDeManejo: treatment, acciones: actions)
    }

    @Test("Checks: residual above inherent, «aceptar», a high zone without actions, an action without responsable or dates, a control without evidence")
    func checks() {
        let m = RiskMethodology.guia2015
        let action = RiskActionPlan(descripcion: "Rotar a los revisores", responsable: "Secretaría General",
                                    fechaInicio: d("01/02/2026"), fechaFin: d("30/11/2026"))
        #expect(RiskChecks.run([risk(RiskRating(probabilidad: 2, impacto: 1), actions: [action])], methodology: m).isEmpty)

        let above = RiskChecks.run([risk(RiskRating(probabilidad: 1, impacto: 1), residual: RiskRating(probabilidad: 2, impacto: 1), actions: [action])], methodology: m)
        #expect(above.map(\.mensaje) == ["Riesgo 4: el riesgo residual (3 10 30 ALTA) queda por encima del inherente (2 10 20 MODERADA)."])

        let accepted = RiskChecks.run([risk(RiskRating(probabilidad: 0, impacto: 0), treatment: .aceptar)], methodology: m)
        #expect(accepted.first?.codigo == "aceptar_corrupcion" && accepted.first?.severidad == .error)

        let noActions = RiskChecks.run([risk(RiskRating(probabilidad: 4, impacto: 2))], methodology: m)
        #expect(noActions.map(\.mensaje) == ["Riesgo 4: su zona residual es extrema y no tiene acciones."])

        var loose = action
        loose.responsable = "  "
        loose.fechaFin = nil
        var inverted = action
        inverted.fechaFin = d("01/01/2026")
        let uncontrolled = Control(descripcion: "Revisión", tipo: .preventivo, implementacion: .manual, puntaje: 40)
        let codes = RiskChecks.run([risk(RiskRating(probabilidad: 2, impacto: 1), treatment: nil, controls: [uncontrolled],
                                         actions: [loose, inverted])], methodology: m)
        #expect(codes.map(\.codigo) == ["sin_opcion_de_manejo", "control_sin_evidencia", "accion_sin_responsable", "accion_sin_fechas", "fechas_invertidas"])
        #expect(codes.last?.mensaje == "Riesgo 4, acción 2: la fecha de fin (01/01/2026) es anterior a la de inicio (01/02/2026).")
        #expect(RiskChecks.run([risk(RiskRating(probabilidad: 7, impacto: 0))], methodology: m).map(\.codigo) == ["nivel_desconocido"])
    }

    @Test("A corruption risk may be reduced, avoided or shared, never accepted")
    func treatments() {
        #expect(Treatment.allCases.filter { $0.corruptionRefusal == nil } == [.reducir, .evitar, .compartir])
    }

    @Test("A map's % per risk and per map for a period, both methods, and its risks counted per cell before and after controls")
    func mapEvaluation() throws {
        let m = RiskMethodology.guia2015
        func action(_ grades: [(Int, Double?)]) -> RiskAction {
            RiskAction(plan: RiskActionPlan(descripcion: "Acción", responsable: "Jefe", fechaInicio: d("01/02/2026"), fechaFin: d("30/11/2026")),
                             seguimientos: grades.map { RiskFollowUp(periodo: $0.0, porcentaje: $0.1) })
        }
        let preventive = Control(descripcion: "Doble firma", tipo: .preventivo, implementacion: .manual, evidencia: "Actas", puntaje: 80)
        let map = RiskMap(entidad: "Alcaldía de Prueba", vigencia: 2026, metodologia: m, riesgos: [
            Risk(numero: 1, riesgo: "Posibilidad de favorecer a un oferente", inherente: RiskRating(probabilidad: 2, impacto: 1),
                       controles: [preventive], acciones: [action([(1, 100), (2, 100)]), action([(1, 0), (2, 50)])]),
            Risk(numero: 2, riesgo: "Posibilidad de cobrar por un trámite", inherente: RiskRating(probabilidad: 2, impacto: 1),
                       acciones: [action([(1, 30), (2, nil)])]),
            Risk(numero: 3, riesgo: "Posibilidad de alterar una nómina", inherente: RiskRating(probabilidad: 4, impacto: 2)),
        ])
        let first = RiskMapEvaluation(map, period: 1)
        #expect(first.porRiesgo == [1: 50, 2: 30] && first.porcentaje == 40)
        let everyAction = RiskMapEvaluation(map, period: 1, method: .promedioAcciones)
        #expect(everyAction.porcentaje.map { ($0 * 10).rounded() / 10 } == 43.3)   // (100 + 0 + 30) / 3
        // Period 2: risk 2's only action is N/A, so the map's % is risk 1's: (100 + 50) / 2.
        #expect(RiskMapEvaluation(map, period: 2).porcentaje == 75 && RiskMapEvaluation(map, period: 3).porcentaje == nil)
        #expect(first.inherente[2][1] == 2 && first.inherente[4][2] == 1 && first.inherente.joined().reduce(0, +) == 3)
        // Risk 1's preventive control (80 points: two levels) moves it from Posible to Rara vez.
        #expect(first.residual[0][1] == 1 && first.residual[2][1] == 1 && first.residual[4][2] == 1)
        #expect(map.periodos.map(\.fechaLimitePublicacion) == [d("15/05/2026"), d("14/09/2026"), d("18/01/2027")])
        let decoded = try JSONDecoder().decode(RiskMap.self, from: JSONEncoder().encode(map))
        #expect(decoded == map)
    }
}
