import Foundation
import Testing
@testable import VigiaCore

@Suite("Writing a corruption risk map: risks, questionnaire, controls, actions, the OCI's seguimiento")
struct RiskMapEditingTests {
    static func day(_ d: Int, _ m: Int) -> LocalDate { LocalDate(year: 2026, month: m, day: d)! }

    static func risk(_ answers: [Int], probabilidad: Int = 2, treatment: String = "reducir") -> RiskInput {
        RiskInput(proceso: "Contratación", riesgo: "Posibilidad de recibir dádivas para beneficio privado", probabilidad: probabilidad,
                  respuestas: answers, opcionDeManejo: treatment)
    }

    @Test("The questionnaire gives the impacto by the methodology's thresholds: 1–5 «sí» moderado, 6–11 mayor, 12–19 catastrófico")
    func questionnaire() throws {
        for (count, expected) in [(1, 0), (5, 0), (6, 1), (11, 1), (12, 2), (19, 2)] {
            var map = RiskMap(entidad: "E", vigencia: 2026, metodologia: .guia2015)
            let n = try map.saveRisk(Self.risk(Array(1...count)))
            #expect(n == 1)
            #expect(map.riesgos[0].inherente == RiskRating(probabilidad: 2, impacto: expected), "\(count) sí")
            #expect(map.riesgos[0].respuestasSi == count && map.riesgos[0].respuestas == Array(1...count))
        }
        // Función Pública: the scale starts at Leve, a corruption risk at Moderado (index 2).
        var v6 = RiskMap(entidad: "E", vigencia: 2026, metodologia: .funcionPublicaV6)
        try v6.saveRisk(Self.risk([1, 2]))
        #expect(v6.riesgos[0].inherente.impacto == 2)
        #expect(v6.metodologia.label(v6.riesgos[0].inherente) == "60 % 60 % MODERADO")
        // Repeated answers count once; without answers the impacto is given directly.
        var map = RiskMap(entidad: "E", vigencia: 2026, metodologia: .guia2015)
        try map.saveRisk(Self.risk([1, 1, 1, 2, 3, 4, 5, 6]))
        #expect(map.riesgos[0].respuestasSi == 6 && map.riesgos[0].inherente.impacto == 1)
        var direct = Self.risk([])
        direct.impacto = 2
        try map.saveRisk(direct)
        #expect(map.riesgos[1].inherente == RiskRating(probabilidad: 2, impacto: 2) && map.riesgos[1].respuestasSi == nil && map.riesgos[1].numero == 2)
        #expect(map.metodologia.label(map.riesgos[1].inherente) == "3 20 60 EXTREMA")
    }

    @Test("A risk is refused with one message per field: no text, no proceso, no probabilidad, no impacto, an unknown question, «aceptar»; nothing changes")
    func riskRefusals() {
        var map = RiskMap(entidad: "E", vigencia: 2026, metodologia: .guia2015)
        let before = map
        var bad = RiskInput(riesgo: "  ", probabilidad: 9, respuestas: [], opcionDeManejo: "aceptar")
        #expect(throws: RiskMapEditError.self) { try map.saveRisk(bad) }
        do { try map.saveRisk(bad) } catch {
            #expect(Set(error.problems.keys) == ["riesgo", "proceso", "probabilidad", "impacto", "opcionDeManejo"])
            #expect(error.problems["opcionDeManejo"]?.contains("no se puede aceptar") == true)
            #expect(error.problems["impacto"] == "Impacto: responda el cuestionario o elija el nivel de impacto.")
        }
        bad = Self.risk([3, 20])
        do { try map.saveRisk(bad); Issue.record("question 20 accepted") } catch { #expect(error.problems["respuestas"] == "Cuestionario de impacto: las preguntas van de 1 a 19.") }
        bad = Self.risk([], treatment: "asumir")
        bad.impacto = 7
        do { try map.saveRisk(bad); Issue.record("impacto 7 accepted") } catch {
            #expect(error.problems["impacto"] == "Impacto: un riesgo de corrupción va de Moderado a Catastrófico.")
            #expect(error.problems["opcionDeManejo"] == "Opción de manejo: elija reducir, evitar o compartir.")
        }
        var v6 = RiskMap(entidad: "E", vigencia: 2026, metodologia: .funcionPublicaV6)
        var leve = Self.risk([])
        leve.impacto = 0
        do { try v6.saveRisk(leve); Issue.record("Leve accepted for a corruption risk") } catch { #expect(error.problems["impacto"] != nil) }
        do { try map.saveRisk(Self.risk([1]), numero: 4); Issue.record("risk 4 edited") } catch { #expect(error.problems["riesgo"] == "El mapa 2026 no tiene el riesgo 4.") }
        #expect(map == before)
    }

    @Test("Controls give the residual on save: Guía 2015 by the mean score (51 → one level, 76 → two), Función Pública by successive weights")
    func controls() throws {
        var map = RiskMap(entidad: "E", vigencia: 2026, metodologia: .guia2015)
        try map.saveRisk(Self.risk(Array(1...8), probabilidad: 3))       // 4 10 40 EXTREMA
        #expect(map.metodologia.label(map.riesgos[0].residual(map.metodologia)) == "4 10 40 EXTREMA")
        let preventive = ControlInput(descripcion: "Comité revisa estudios previos", tipo: "Preventivo", implementacion: "manual", evidencia: "Actas", puntaje: "60")
        try map.saveControl(preventive, risk: 1)
        #expect(map.metodologia.label(map.riesgos[0].residual(map.metodologia)) == "3 10 30 ALTA")
        var better = preventive
        better.puntaje = "100"
        try map.saveControl(better, risk: 1, position: 1)
        #expect(map.riesgos[0].controles.count == 1 && map.riesgos[0].controles[0].puntaje == 100)
        #expect(map.metodologia.label(map.riesgos[0].residual(map.metodologia)) == "2 10 20 MODERADA")
        try map.saveControl(ControlInput(descripcion: "Póliza", tipo: "correctivo", implementacion: "automática", puntaje: "80"), risk: 1)
        #expect(map.metodologia.label(map.riesgos[0].residual(map.metodologia)) == "2 5 10 BAJA")
        // Under the 2015 guide a control needs its score; tipo and implementación are from the lists.
        do { try map.saveControl(ControlInput(descripcion: "", tipo: "x", implementacion: "", puntaje: "abc"), risk: 1); Issue.record("accepted") } catch {
            #expect(Set(error.problems.keys) == ["descripcion", "tipo", "implementacion", "puntaje"])
            #expect(error.problems["puntaje"] == "Puntaje del control: escriba la calificación del diseño del control, de 0 a 100 («abc» no lo es).")
        }
        try map.deleteControl(risk: 1, position: 2)
        #expect(map.metodologia.label(map.riesgos[0].residual(map.metodologia)) == "2 10 20 MODERADA")

        // v6: probabilidad 80 % (Alta) with a preventive manual control (40 %) leaves 48 % → Media (60 %).
        var v6 = RiskMap(entidad: "E", vigencia: 2026, metodologia: .funcionPublicaV6)
        try v6.saveRisk(Self.risk([1], probabilidad: 3))
        try v6.saveControl(ControlInput(descripcion: "Doble revisión", tipo: "preventivo", implementacion: "manual"), risk: 1)
        #expect(v6.riesgos[0].residual(v6.metodologia).probabilidad == 2)
        #expect(v6.riesgos[0].controles[0].puntaje == nil)
    }

    @Test("A control saved by the form replaces the residual an imported map recorded; a new inherent rating drops it too")
    func recordedResidual() throws {
        var map = RiskMap(entidad: "E", vigencia: 2026, metodologia: .guia2015, riesgos: [
            Risk(numero: 3, riesgo: "Posibilidad de…", inherente: RiskRating(probabilidad: 2, impacto: 1), residualRegistrado: RiskRating(probabilidad: 0, impacto: 1)),
            Risk(numero: 5, riesgo: "Posibilidad de…", inherente: RiskRating(probabilidad: 2, impacto: 1), residualRegistrado: RiskRating(probabilidad: 1, impacto: 1)),
        ])
        try map.saveControl(ControlInput(descripcion: "c", tipo: "preventivo", implementacion: "manual", puntaje: "10"), risk: 3)
        #expect(map.riesgos[0].residualRegistrado == nil && map.riesgos[0].residual(map.metodologia) == RiskRating(probabilidad: 2, impacto: 1))
        var same = RiskInput(map.riesgos[1])
        same.proceso = "Talento humano"
        try map.saveRisk(same, numero: 5)
        #expect(map.riesgos[1].residualRegistrado == RiskRating(probabilidad: 1, impacto: 1), "same rating: the recorded residual stays")
        same.probabilidad = 4
        try map.saveRisk(same, numero: 5)
        #expect(map.riesgos[1].residualRegistrado == nil)
        #expect(try map.saveRisk(Self.risk([1])) == 6, "the next number follows the highest")
    }

    @Test("Actions need a description, a responsable and dates in order; one with seguimiento cannot be deleted, nor its risk")
    func actions() throws {
        var map = RiskMap(entidad: "E", vigencia: 2026, metodologia: .guia2015)
        try map.saveRisk(Self.risk([1, 2, 3]))
        let plan = RiskActionPlan(descripcion: "Publicar en SECOP II", responsable: "Contratación", fechaInicio: Self.day(1, 2), fechaFin: Self.day(30, 11))
        try map.saveAction(plan, risk: 1)
        do { try map.saveAction(RiskActionPlan(descripcion: " publicar en secop ii ", responsable: "", fechaInicio: Self.day(2, 3), fechaFin: Self.day(1, 3)), risk: 1)
            Issue.record("accepted")
        } catch {
            #expect(error.problems["descripcion"]?.contains("ya tiene esa acción") == true)
            #expect(error.problems["fechaFin"] == "Fecha de fin: es anterior a la fecha de inicio.")
            #expect(error.problems["responsable"] != nil)
        }
        var edited = plan
        edited.indicador = "Procesos publicados / procesos"
        try map.saveAction(edited, risk: 1, position: 1)
        #expect(map.riesgos[0].acciones.count == 1 && map.riesgos[0].acciones[0].plan.indicador == "Procesos publicados / procesos")
        try map.setFollowUps(period: 1, grades: [RiskGradeInput(riesgo: 1, accion: 1, porcentaje: "40")], materialisations: [])
        do { try map.deleteAction(risk: 1, position: 1); Issue.record("deleted") } catch { #expect(error.problems["accion"]?.contains("ya tiene seguimiento") == true) }
        do { try map.deleteRisk(1); Issue.record("deleted") } catch { #expect(error.problems["riesgo"]?.contains("ya tiene seguimiento") == true) }
        try map.saveAction(edited, risk: 1, position: 1)
        #expect(map.riesgos[0].acciones[0].seguimientos.count == 1, "editing the plan keeps its seguimiento")
        // An ungraded action before a graded one: deleting it would move the graded one, so it is refused.
        map.riesgos[0].acciones.insert(RiskAction(plan: RiskActionPlan(descripcion: "Nueva", responsable: "R", fechaInicio: Self.day(1, 3), fechaFin: Self.day(1, 4))), at: 0)
        do { try map.deleteAction(risk: 1, position: 1); Issue.record("deleted") } catch { #expect(error.problems["accion"]?.contains("que va después") == true) }
        for bad in [Int.min, -1, 0, 3, Int.max] {
            #expect(throws: RiskMapEditError.self) { try map.deleteAction(risk: 1, position: bad) }
            #expect(throws: RiskMapEditError.self) { try map.deleteControl(risk: 1, position: bad) }
            #expect(throws: RiskMapEditError.self) { try map.setFollowUps(period: 1, grades: [RiskGradeInput(riesgo: 1, accion: bad, porcentaje: "1")], materialisations: []) }
        }
    }

    @Test("The OCI's seguimiento: a % out of range or a materialised risk without its account refuses the whole form; blank removes a grade")
    func followUps() throws {
        var map = RiskMap(entidad: "E", vigencia: 2026, metodologia: .guia2015)
        try map.saveRisk(Self.risk([1]))
        try map.saveRisk(RiskInput(proceso: "Hacienda", riesgo: "Posibilidad de alterar liquidaciones para beneficio privado", probabilidad: 1, impacto: 1))
        for n in [1, 2] {
            try map.saveAction(RiskActionPlan(descripcion: "A\(n)", responsable: "R", fechaInicio: Self.day(1, 1), fechaFin: Self.day(30, 4)), risk: n)
        }
        try map.saveAction(RiskActionPlan(descripcion: "B1", responsable: "R", fechaInicio: Self.day(1, 1), fechaFin: Self.day(30, 6)), risk: 1)
        let before = map
        do {
            try map.setFollowUps(period: 1, grades: [RiskGradeInput(riesgo: 1, accion: 1, porcentaje: "100"), RiskGradeInput(riesgo: 1, accion: 2, porcentaje: "150")],
                                 materialisations: [RiskMaterialisationInput(riesgo: 2, materializado: true)])
            Issue.record("accepted")
        } catch {
            #expect(error.problems["p-1-2"] == "Riesgo 1, acción 2: el % de avance «150» debe ser un número de 0 a 100.")
            #expect(error.problems["d-2"]?.hasPrefix("Riesgo 2: si se materializó") == true)
        }
        #expect(map == before, "nothing half-written")
        try map.setFollowUps(period: 1, grades: [RiskGradeInput(riesgo: 1, accion: 1, porcentaje: "100"), RiskGradeInput(riesgo: 1, accion: 2, porcentaje: "50,5"),
                                                 RiskGradeInput(riesgo: 2, accion: 1, porcentaje: "20", observaciones: "Acta 3")],
                             materialisations: [RiskMaterialisationInput(riesgo: 2, materializado: true, descripcion: "Denuncia ante la Fiscalía")])
        let e = RiskMapEvaluation(map, period: 1)
        #expect(e.porRiesgo == [1: 75.25, 2: 20] && e.porcentaje == 47.625)
        #expect(map.riesgos[1].materializaciones == [RiskMaterialisation(periodo: 1, materializado: true, descripcion: "Denuncia ante la Fiscalía")])
        // % per proceso, both methods, in the order the processes appear.
        #expect(map.percentPerProcess(e).map(\.proceso) == ["Contratación", "Hacienda"])
        #expect(map.percentPerProcess(e).map(\.porcentaje) == [75.25, 20])
        let byAction = RiskMapEvaluation(map, period: 1, method: .promedioAcciones)
        #expect(byAction.porcentaje.map { ($0 * 1000).rounded() / 1000 } == 56.833)   // (100 + 50,5 + 20) / 3
        // A blank % without observaciones removes the grade; an unknown period or action is refused.
        try map.setFollowUps(period: 1, grades: [RiskGradeInput(riesgo: 1, accion: 2, porcentaje: " ")],
                             materialisations: [RiskMaterialisationInput(riesgo: 2, materializado: false)])
        #expect(map.riesgos[0].acciones[1].seguimientos.isEmpty && map.riesgos[1].materializaciones.isEmpty)
        #expect(throws: RiskMapEditError.self) { try map.setFollowUps(period: 4, grades: [], materialisations: []) }
        #expect(throws: RiskMapEditError.self) { try map.setFollowUps(period: 1, grades: [RiskGradeInput(riesgo: 1, accion: 9, porcentaje: "1")], materialisations: []) }
    }
}

@Suite("An entity's copy of a methodology, as an outline")
struct RiskMethodologyOutlineTests {
    @Test("Each built-in methodology goes to an outline and back unchanged", arguments: RiskMethodology.builtIn)
    func roundTrip(m: RiskMethodology) throws {
        #expect(try RiskMethodologyOutline(m).methodology(base: m, version: m.version) == m)
    }

    @Test("An edited outline changes the scales, colours and cells; the questionnaire and the control valuation stay")
    func edit() throws {
        let base = RiskMethodology.guia2015
        var o = RiskMethodologyOutline(base)
        o.nombre = "Política de riesgos 2026"
        o.zonas = o.zonas.replacingOccurrences(of: "Extrema | #FF0000", with: "Crítica | #c00000")
        o.matriz = o.matriz.replacingOccurrences(of: "Extrema", with: "Crítica")
        o.matriz = o.matriz.replacingOccurrences(of: "Rara vez: Baja | Baja | Moderada", with: "Rara vez: Baja | Moderada | Moderada")
        let m = try o.methodology(base: base, version: 2)
        #expect(m.version == 2 && m.nombre == "Política de riesgos 2026" && m.zonas[3] == RiskZone("Crítica", "#C00000"))
        #expect(m.zone(probabilidad: 0, impacto: 1)?.nombre == "Moderada" && m.zone(probabilidad: 4, impacto: 2)?.nombre == "Crítica")
        #expect(m.preguntas == base.preguntas && m.controles == base.controles && m.estilo == base.estilo)
    }

    @Test("A bad outline is refused naming the field and the line")
    func refusals() {
        let base = RiskMethodology.funcionPublicaV6
        func problems(_ change: (inout RiskMethodologyOutline) -> Void) -> [String: String] {
            var o = RiskMethodologyOutline(base)
            change(&o)
            do { _ = try o.methodology(base: base, version: 2); return [:] } catch { return error.problems }
        }
        #expect(problems { $0.probabilidades += "\nMuy muy alta | mucho" }["probabilidades"] == "Probabilidad, línea 6: escriba «nombre | valor | descripción» con un número como valor («Muy muy alta | mucho»).")
        #expect(problems { $0.zonas = $0.zonas.replacingOccurrences(of: "#FF0000", with: "rojo") }["zonas"] == "Zonas: «ROJO» no es un color #RRGGBB.")
        #expect(problems { $0.matriz = $0.matriz.replacingOccurrences(of: "Muy alta:", with: "Altísima:") }["matriz"]?.hasPrefix("Matriz, línea 1: empiece con el nombre") == true)
        #expect(problems { $0.matriz = $0.matriz.replacingOccurrences(of: "Extremo", with: "Rojo") }["matriz"]?.contains("«Rojo» no es una de las zonas") == true)
        #expect(problems { $0.umbrales = "0, seis" }["umbralesImpacto"] != nil)
        #expect(problems { $0.impactoMinimo = "Gigante" }["impactoMinimo"] == "Impacto mínimo: elija uno de los niveles de impacto.")
        #expect(problems { $0.probabilidades = $0.probabilidades.replacingOccurrences(of: "| 40", with: "| 10") }["probabilidades"]
                == "Probabilidad: los valores deben crecer del nivel más bajo al más alto.")
    }
}
