import Testing
@testable import VigiaCore

private func d(_ text: String) -> LocalDate { LocalDate(dayFirst: text)! }

@Suite("Validation checks name the finding and action")
struct PlanChecksTests {
    func plan(_ actions: [ActionSnapshot], subscribed: LocalDate? = d("01/02/2025")) -> PlanSnapshot {
        PlanSnapshot(unidadAuditable: "Oficina de Prueba", fechaSuscripcion: subscribed,
                     hallazgos: [FindingSnapshot(numero: 3, descripcion: "H", acciones: actions)])
    }

    let good = ActionSnapshot(descripcion: "A", responsable: "Jefe", fechaInicial: d("01/02/2025"),
                              fechaFinal: d("30/06/2025"), meta: "1 informe", metaCantidad: 1,
                              indicador: "Número de informes")

    @Test func aGoodPlanHasNoFindings() {
        #expect(PlanChecks.run(plan([good])).isEmpty)
    }

    @Test func invertedDates() {
        var a = good
        a.fechaFinal = d("01/01/2025")
        let r = PlanChecks.run(plan([good, a]))
        #expect(r.contains { $0.codigo == "fechas_invertidas" && $0.hallazgo == 3 && $0.accion == 2 })
        #expect(r.first { $0.codigo == "fechas_invertidas" }?.mensaje
                == "Hallazgo 3, acción 2: la fecha final (01/01/2025) es anterior a la fecha inicial (01/02/2025).")
    }

    @Test func startsBeforeSubscriptionAndEndsBeyondTheMaximumTerm() {
        var a = good
        a.fechaInicial = d("15/01/2025")
        a.fechaFinal = d("02/02/2026")
        let codes = PlanChecks.run(plan([a]), settings: .init(maxPlanMonths: 12)).map(\.codigo)
        #expect(codes.contains("inicia_antes_suscripcion"))
        #expect(codes.contains("excede_plazo_maximo"))
        var b = good
        b.fechaFinal = d("01/02/2026")
        #expect(!PlanChecks.run(plan([b]), settings: .init(maxPlanMonths: 12)).map(\.codigo).contains("excede_plazo_maximo"))
    }

    @Test func noResponsableNoQuantityAndAnIndicatorThatIsNoMeasure() {
        var a = good
        a.responsable = ""
        a.metaCantidad = nil
        a.indicador = "Informe elaborado"
        let codes = Set(PlanChecks.run(plan([a])).map(\.codigo))
        #expect(codes.isSuperset(of: ["sin_responsable", "meta_sin_cantidad", "indicador_no_medible"]))
    }

    @Test func closedWithoutPercentAndFindingClosedWithAnOpenAction() {
        var p = plan([good, good])
        p.seguimientos = [RoundSnapshot(
            numero: 1, fechaCorte: d("30/04/2025"),
            calificaciones: [GradeSnapshot(accion: .init(hallazgo: 0, accion: 0), estado: .cerrada)],
            hallazgos: [FindingGradeSnapshot(hallazgo: 0, estado: .cerrado, justificacion: "x")])]
        let r = PlanChecks.run(p)
        #expect(r.contains { $0.mensaje == "Hallazgo 3, acción 1: CERRADO sin % de avance (Seguimiento 1)." })
        #expect(r.contains { $0.codigo == "hallazgo_cerrado_con_abiertas" && $0.hallazgo == 3 })
    }

    @Test func recognisesCountsAndRatios() {
        #expect(IndicatorShape.isCountOrRatio("Número de informes"))
        #expect(IndicatorShape.isCountOrRatio("Actividades ejecutadas / actividades programadas"))
        #expect(IndicatorShape.isCountOrRatio("Porcentaje de avance"))
        #expect(!IndicatorShape.isCountOrRatio("Plan elaborado"))
    }

    @Test func readsTheMetaQuantity() {
        #expect(MetaQuantity.parse("1 diagnóstico elaborado")?.quantity == 1)
        #expect(MetaQuantity.parse("Realizar al menos 1 jornada")?.quantity == 1)
        #expect(MetaQuantity.parse("100% de los incumplimientos")?.unit == "%")
        #expect(MetaQuantity.parse("Seguimientos trimestrales realizados") == nil)
    }
}

@Suite("Evaluation of a plan at a round")
struct PlanEvaluatorTests {
    @Test func overrideIsKeptWithItsJustification() {
        let action = ActionSnapshot(descripcion: "A", responsable: "J", fechaInicial: d("01/01/2025"),
                                    fechaFinal: d("31/03/2025"), meta: "1", metaCantidad: 1, indicador: "Número de")
        let plan = PlanSnapshot(hallazgos: [FindingSnapshot(numero: 1, descripcion: "H", acciones: [action, action])],
                                seguimientos: [RoundSnapshot(numero: 1, fechaCorte: d("30/04/2025"), calificaciones: [
                                    GradeSnapshot(accion: .init(hallazgo: 0, accion: 0), porcentaje: 100, estado: .cerrada,
                                                       justificacion: "Se verificó la eficacia y la efectividad"),
                                    GradeSnapshot(accion: .init(hallazgo: 0, accion: 1), porcentaje: 40),
                                ])])
        let e = PlanEvaluator.evaluate(plan)
        let a0 = e.hallazgos[0].acciones[0], a1 = e.hallazgos[0].acciones[1]
        #expect(a0.estadoSugerido == .cumplida)
        #expect(a0.estado == .cerrada)
        #expect(a0.justificacion == "Se verificó la eficacia y la efectividad")
        #expect(a1.estado == .vencida)
        #expect(a1.atrasada)
        #expect(e.hallazgos[0].avance.porcentaje == 70)
        #expect(e.hallazgos[0].estado == .abierto)
        #expect(e.plan.porcentaje == 70)
        #expect(e.semaforo == .amarillo)
        #expect(e.conteoPorEstado["VENCIDA"] == 1)
    }
}
