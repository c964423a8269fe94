import Foundation
import Testing
import VigiaCore
@testable import VigiaServer

private func d(_ text: String) -> LocalDate { LocalDate(dayFirst: text)! }

/// The plan and program pages rendered from hand-built view models, without a server.
@Suite("Plan and program pages from their view models")
struct PlanPageViewTests {
    let context = PageContext(title: "Prueba", csrf: "token-csrf")
    let findingID = UUID(), actionID = UUID()

    func plan() -> PlanSnapshot {
        PlanSnapshot(
            id: UUID(), formato: FormatHeader(entidad: "Alcaldía A", codigo: "EI-F-012"), unidadAuditable: "Secretaría de Hacienda",
            numeroAuditoria: "AI-2026-03", estado: .enSeguimiento,
            hallazgos: [FindingSnapshot(id: findingID, numero: 1, descripcion: "Cartera sin cobro", causa: "Falta de control", efecto: "Prescripción",
                                        acciones: [ActionSnapshot(id: actionID, descripcion: "Depurar la cartera", responsable: "Tesorería",
                                                                  dependencias: ["Rentas"], fechaInicial: d("02/03/2026"),
                                                                  fechaFinal: d("31/07/2026"), meta: "100 %", indicador: "Partidas")])],
            seguimientos: [RoundSnapshot(numero: 1, fechaCorte: d("30/06/2026"), calificaciones: [
                GradeSnapshot(accion: ActionRef(hallazgo: 0, accion: 0), porcentaje: 50, evidencias: "Acta 12", observaciones: "Parcial"),
            ])])
    }

    func model(_ s: PlanSnapshot, canFormulate: Bool, canGrade: Bool) -> PlanPage.Model {
        let notes = PlanReportNotes.build(s)
        return PlanPage.Model(
            id: s.id!, format: s.formato, unidadAuditable: s.unidadAuditable, numeroAuditoria: s.numeroAuditoria, periodoAuditoria: "",
            fechaSuscripcion: nil, origin: s.origen, status: s.estado, evaluation: PlanEvaluator.evaluate(s), document: PlanReport.build(s),
            notes: notes, links: notes.map { PlanPage.Model.links($0, in: s) }, rounds: [1], roundPublished: false, openRound: 1,
            canFormulate: canFormulate, canGrade: canGrade, canGradeRound: canGrade, isResponsable: !canGrade, checks: [],
            changeLog: [], signatures: [], publications: [], events: [])
    }

    @Test func theTableComesFromTheDocumentWithThePagesNotes() {
        let html = PlanPage.View.html(model(plan(), canFormulate: false, canGrade: true), context: context)
        #expect(html.contains("Plan de mejoramiento · Secretaría de Hacienda"))
        #expect(html.contains("<caption>Formulación y seguimiento del plan · fecha de corte 30/06/2026</caption>"))
        #expect(html.contains("SEGUIMIENTO No. 1 (para diligenciamiento exclusivo de la OCI)"))
        #expect(html.contains("Cartera sin cobro<div class=\"small\"><strong>Efecto: </strong>Prescripción</div>"))
        #expect(html.contains(">Tesorería<div class=\"small\">Rentas</div>"))
        #expect(html.contains(">31/07/2026<div class=\"small\">21,6 semanas</div>"))
        #expect(html.contains(">50 %<div class=\"small\">esperado 79,6 %</div><div><span class=\"tag warn\">Atrasada</span></div>"))
        #expect(html.contains(">Acta 12</td>") && html.contains(">Parcial</td>"))
        #expect(html.contains("><strong>EN EJECUCIÓN</strong></td>"))
        #expect(html.contains(">1 de 1 calificadas</div>"))
        #expect(html.contains(">% DEL PLAN<div class=\"small\">(promedio simple de las acciones)</div>"))
        #expect(html.contains("Calificar el seguimiento 1") && html.contains("Publicar seguimiento 1"))
        #expect(!html.contains("Editar acción") && !html.contains("+ Acción"))
    }

    @Test func thoseWhoFormulateGetTheEditLinks() {
        let s = plan()
        let html = PlanPage.View.html(model(s, canFormulate: true, canGrade: false), context: context)
        #expect(html.contains("/planes/\(s.id!.uuidString)/hallazgos/\(findingID.uuidString)/editar"))
        #expect(html.contains("/planes/\(s.id!.uuidString)/acciones/\(actionID.uuidString)/editar\">Editar acción</a>"))
        #expect(html.contains("Reportar avance (seguimiento 1)"))
        #expect(!html.contains("Registrar seguimiento") && !html.contains("Agregar al control de cambios"))
    }

    @Test func programPageShowsPeriodsComponentsAndControls() {
        let activity = UUID()
        let program = ProgramSnapshot(
            id: UUID(), entidad: "Alcaldía A", vigencia: 2026, plantilla: "PAAC Guía V2", titulo: "PLAN ANTICORRUPCIÓN",
            componentes: [ComponentSnapshot(numero: 1, nombre: "Gestión del riesgo", actividades: [
                ActivitySnapshot(id: activity, subcomponente: "Política", actividad: "Actualizar la política", meta: "1 política",
                                 responsables: "Planeación",
                                 seguimientos: [ActivityFollowUpSnapshot(periodo: 1, porcentaje: 80, seguimiento: "Aprobada en comité")]),
            ])],
            periodos: [PeriodSnapshot(numero: 1, nombre: "PRIMER CUATRIMESTRE", fechaCorte: d("30/04/2026"), fechaLimitePublicacion: d("15/05/2026"))])
        let model = ProgramPage.Model(
            id: program.id!, status: .enSeguimiento, document: ProgramDocument(program: program, period: 1), period: 1,
            periods: [.init(numero: 1, nombre: "PRIMER CUATRIMESTRE", fechaCorte: d("30/04/2026"), fechaLimitePublicacion: d("15/05/2026"),
                            publication: "Sin publicar · plazo vencido hace 3 días hábiles", percent: 80)],
            mine: [activity], canFollowUp: false, canMonitor: true, canFormulate: false, periodPublished: false, publications: [])
        let html = ProgramPage.View.html(model, context: context)
        #expect(html.contains("PLAN ANTICORRUPCIÓN · vigencia 2026"))
        #expect(html.contains("<td>Sin publicar · plazo vencido hace 3 días hábiles</td><td><span class=\"light verde\">80 % · Alta</span></td>"))
        #expect(html.contains("Componente 1: Gestión del riesgo"))
        #expect(html.contains("Actualizar la política<span class=\"tag\"> su dependencia</span>"))
        #expect(html.contains("Aprobada en comité"))
        #expect(html.contains("Reportar monitoreo del periodo 1"))
        #expect(!html.contains("Registrar seguimiento del periodo") && !html.contains("+ Agregar actividad"))
    }
}
