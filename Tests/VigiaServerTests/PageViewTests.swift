import Foundation
import Testing
import VigiaCore
@testable import VigiaServer

private func d(_ text: String) -> LocalDate { LocalDate(dayFirst: text)! }

/// Each page rendered from a hand-built view model, without a server or a database.
@Suite("Pages render from their view models alone")
struct PageViewTests {
    let context = PageContext(title: "Prueba", csrf: "token-csrf")

    @Test func homeOfTheOCIShowsTheFiguresPerStateAndDependencia() {
        let model = HomePage.Model(
            entityName: "Alcaldía A", userName: "Ana", today: d("30/11/2026"),
            deadlines: [.init(programID: UUID(), program: "PTEP 2026",
                              period: PeriodSnapshot(numero: 3, nombre: "TERCER CUATRIMESTRE", fechaCorte: d("31/12/2026"),
                                                     fechaLimitePublicacion: d("18/01/2027")), businessDaysLeft: 4)],
            publications: [.init(vigencia: 2026, lines: ["Primer cuatrimestre: límite 15/05/2026 · publicado el 10/05/2026, a tiempo"])],
            plansSummary: "2 planes; 3 acciones atrasadas en el último seguimiento.",
            section: .oci(.init(states: [StateCount(.sinIniciar, 1), StateCount(.enEjecucion, 7)],
                                byDependency: [DependencyProgress(dependency: "Secretaría de Hacienda", percent: 52.5, overdue: 7, behind: 2)],
                                series: [], waiting: [.init(label: "Seguimiento 1 · Hacienda", planID: UUID(), count: 2)])))
        let html = HomePage.View.html(model, context: context)
        #expect(html.contains("Hola, Ana"))
        #expect(html.contains("Hoy es 30/11/2026."))
        #expect(html.contains("Próximo corte · PTEP 2026"))
        #expect(html.contains("<span class=\"light rojo\">Faltan 4 días hábiles</span>"))
        #expect(html.contains("Tercer Cuatrimestre: corte el 31/12/2026."))
        #expect(html.contains("Primer cuatrimestre: límite 15/05/2026 · publicado el 10/05/2026, a tiempo"))
        #expect(html.contains("2 planes; 3 acciones atrasadas en el último seguimiento."))
        #expect(html.contains("<th scope=\"col\">SIN INICIAR</th><th scope=\"col\">EN EJECUCIÓN</th>"))
        #expect(html.contains("<td class=\"num\">1</td><td class=\"num\">7</td>"))
        #expect(html.contains("<tr><td>Secretaría de Hacienda</td><td><span class=\"light rojo\">52,5 % · Baja</span></td><td class=\"num\">7</td><td class=\"num\">2</td></tr>"))
        #expect(html.contains("Secretaría de Hacienda: 52,5 %"))   // the chart's text equivalent
        #expect(html.contains("Seguimiento 1 · Hacienda: 2 autoreporte(s) sin calificar"))
        #expect(!html.contains("Sus acciones pendientes"))
    }

    @Test func homeOfAResponsableListsItsPendingActions() {
        let model = HomePage.Model(
            entityName: nil, userName: "Rita", today: d("01/12/2026"), deadlines: [], publications: [],
            plansSummary: "1 plan; 0 acciones atrasadas en el último seguimiento.",
            section: .responsable(pending: [PendingAction(label: "Hallazgo 1, acción 1 · Hacienda", planID: UUID(),
                                                          fechaFinal: d("30/11/2026"), percent: 40)]))
        let html = HomePage.View.html(model, context: context)
        #expect(html.contains("Sus acciones pendientes"))
        #expect(html.contains("Hallazgo 1, acción 1 · Hacienda</a></td><td>30/11/2026</td><td>Vencida hace 1 días</td>"))
        #expect(html.contains("40 % · Baja"))
        #expect(!html.contains("<svg"))
    }

    @Test func inboxShowsNotificationsAndTheOutbox() {
        let at = Date(timeIntervalSince1970: 1_795_273_200)
        let model = InboxPage.Model(
            notifications: [.init(subject: "Acción vencida", body: "Hola <b>", createdAt: at, unread: true)],
            mailStatus: .init(text: "Conexión SMTP cifrada con TLS (obligatoria).", warning: false),
            outbox: [.init(createdAt: at, email: "a@b.co", subject: "Aviso", delivery: .failed(attempts: 2, error: "sin red"))])
        let html = InboxPage.View.html(model, context: context)
        #expect(html.contains("Marcar todas como leídas"))
        #expect(html.contains("<strong>Acción vencida</strong> · 21/11/2026 10:00"))
        #expect(html.contains("Hola &lt;b&gt;"))
        #expect(html.contains("<p class=\"hint\">Conexión SMTP cifrada con TLS (obligatoria).</p>"))
        #expect(html.contains("Error (2 intento(s)): sin red"))
        let empty = InboxPage.View.html(.init(notifications: [], mailStatus: nil, outbox: []), context: context)
        #expect(empty.contains("No tiene notificaciones."))
        #expect(!empty.contains("Marcar todas") && !empty.contains("Bandeja de salida"))
    }

    @Test func transparencyPagesListEntitiesAndPublicationsByYear() {
        let index = TransparencyIndexPage.View.html(.init(entities: [.init(id: UUID(), name: "Alcaldía A"), .init(id: UUID(), name: "Gobernación B")]))
        #expect(index.contains(">Alcaldía A</a></li><li>"))
        #expect(TransparencyIndexPage.View.html(.init(entities: [])).contains("Todavía no hay seguimientos publicados."))
        let p = PublicationSummary(id: UUID(), entityID: UUID(), numero: 1, version: 2, year: 2026, title: "Seguimiento PAAC 2026",
                                   note: "Corrige el componente 2", pdfSHA256: "abc", deadline: d("15/05/2026"),
                                   publishedOn: d("18/05/2026"), publishedBy: "OCI")
        let html = TransparencyEntityPage.View.html(.init(entityName: "Alcaldía A", publications: [p]))
        #expect(html.contains("Seguimientos publicados · Alcaldía A"))
        #expect(html.contains("<h2>2026</h2>"))
        #expect(html.contains("15/05/2026 · fuera de plazo"))
        #expect(html.contains("Corrige el componente 2"))
        #expect(html.contains(" de Seguimiento PAAC 2026, versión 2"))
    }

    @Test func calendarShowsTheNewLinkOnce() {
        let fresh = CalendarPage.View.html(.init(hasToken: true, newURL: "https://vigia.example/ical/x.ics"), context: context)
        #expect(fresh.contains("https://vigia.example/ical/x.ics"))
        #expect(fresh.contains("Revocar el enlace") && fresh.contains("Generar un enlace nuevo"))
        let active = CalendarPage.View.html(.init(hasToken: true, newURL: nil), context: context)
        #expect(active.contains("Ya tiene un enlace activo.") && !active.contains(".ics"))
        let none = CalendarPage.View.html(.init(hasToken: false, newURL: nil), context: context)
        #expect(none.contains("Generar mi enlace") && !none.contains("Revocar"))
    }

    @Test func planListShowsEachPlanWithItsFigures() {
        let row = PlanListPage.Model.Row(id: UUID(), unidadAuditable: "", numeroAuditoria: "AI-1", origin: .auditoriaInterna,
                                         status: .enSeguimiento, findings: 4, actions: 9, round: 1, cutOff: d("30/06/2026"),
                                         percent: 85, behind: 2)
        let html = PlanListPage.View.html(.init(entityName: nil, canCreate: false, rows: [row]), context: context)
        #expect(html.contains("(sin unidad auditable)"))
        #expect(html.contains("<td>No. 1 · corte 30/06/2026</td><td><span class=\"light verde\">85 % · Alta</span></td><td class=\"num\">2</td>"))
        #expect(!html.contains("Nuevo plan"))
        #expect(PlanListPage.View.html(.init(entityName: nil, canCreate: true, rows: []), context: context).contains("Nuevo plan"))
        // The filter's «all» options send an empty value, not their label.
        let withFilter = PlanListPage.View.html(.init(entityName: nil, canCreate: false, rows: [row], total: 1,
                                                      dependencies: [.init(id: UUID(), name: "Hacienda")]), context: context)
        #expect(withFilter.contains("<option value selected=\"selected\">Todas</option>") || withFilter.contains("<option value>Todas</option>"),
                "\(withFilter)")
        #expect(withFilter.contains("<option value>Todos</option>") || withFilter.contains("<option value selected=\"selected\">Todos</option>"))
    }

    @Test func programListShowsTheLatestGradedPeriod() {
        let row = ProgramListPage.Model.Row(id: UUID(), vigencia: 2026, template: "PAAC Guía V2", components: 6, activities: 33,
                                            periodName: "Primer Cuatrimestre", percent: 70, done: 12, graded: 33)
        let html = ProgramListPage.View.html(.init(entityName: nil, canImport: true, canEditTemplates: false, rows: [row]), context: context)
        #expect(html.contains("<td>Primer Cuatrimestre</td><td><span class=\"light amarillo\">70 % · Media</span></td><td class=\"num\">12 de 33</td>"))
        #expect(html.contains("Importar un seguimiento publicado") && !html.contains("Plantillas"))
    }
}
