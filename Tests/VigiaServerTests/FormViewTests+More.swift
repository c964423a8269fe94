import Foundation
import Testing
import VigiaCore
@testable import VigiaServer

extension FormViewTests {
    @Test func progressReportsListAndFormKeepTheReportAndItsError() {
        let actionID = UUID()
        let plan = PlanSnapshot(id: UUID(), unidadAuditable: "Hacienda", hallazgos: [
            FindingSnapshot(id: UUID(), numero: 1, descripcion: "H", acciones: [ActionSnapshot(id: actionID, descripcion: "Acción <1>")]),
        ])
        let list = ProgressReportViews.ListModel(snapshot: plan, roundNumero: 1, fechaCorte: LocalDate(dayFirst: "30/06/2026"),
                                                 window: ReportingWindow(from: nil, until: LocalDate(dayFirst: "05/07/2026")),
                                                 reports: [actionID: .init(percent: 40, text: hostile, links: "")], canReport: true)
        let listed = page(ProgressReportViews.listContent(list))
        #expect(listed.contains("antes del corte (30/06/2026). Se reciben reportes hasta el 05/07/2026."))
        #expect(listed.contains("40 % · \(escaped)"))
        #expect(listed.contains(">Ver o completar</a>"))
        let form = ProgressReportViews.FormModel(
            planID: UUID(), roundNumero: 1, findingNumero: 1, actionID: actionID, actionPosition: 1, actionText: "Acción <1>",
            closedReason: nil, editable: true, report: nil,
            files: [.init(id: UUID(), name: "acta.pdf", sizeBytes: 2048, uploadedBy: "Rita", uploadedOn: LocalDate(dayFirst: "01/07/2026"), removable: true)],
            values: ["porcentaje": "abc", "descripcion": hostile], errors: ["porcentaje": "El % «abc» no es un número."], maxMB: 20)
        let html = page(ProgressReportViews.formContent(form, csrf: "t"))
        #expect(html.contains("<li>El % «abc» no es un número.</li>"), "in the summary announced at the top")
        #expect(html.contains("name=\"porcentaje\" id=\"porcentaje\" value=\"abc\" aria-describedby=\"porcentaje-ayuda\" aria-invalid=\"true\""))
        #expect(html.contains("<small id=\"porcentaje-ayuda\" class=\"error\">El % «abc» no es un número.</small>"))
        #expect(html.contains(">\(escaped)</textarea>"))
        #expect(html.contains("<td>01/07/2026</td>"))
        #expect(html.contains("hasta 20 MB cada uno."))
        #expect(html.contains(">Quitar</button>"))
        var closed = form
        closed.editable = false; closed.closedReason = "La OCI ya calificó esta acción en el seguimiento 1: el autoreporte quedó cerrado."; closed.report = .init(percent: nil, text: "Hecho", links: "https://a.co/x")
        let shown = page(ProgressReportViews.formContent(closed, csrf: "t"))
        #expect(shown.contains("el autoreporte quedó cerrado"))
        #expect(shown.contains("<dd>Hecho</dd>"))
        #expect(!shown.contains("Quitar") && !shown.contains("multipart/form-data"))
    }

    @Test func programGradeKeepsTheValuesAndShowsTheErrorBesideThePercent() {
        let activityID = UUID()
        let program = ProgramSnapshot(id: UUID(), entidad: "A", vigencia: 2026, componentes: [
            ComponentSnapshot(numero: 1, nombre: "Riesgos", actividades: [ActivitySnapshot(id: activityID, actividad: "Publicar <mapa>")]),
        ])
        let lines = ActivityLine.lines(of: program)
        let k = activityID.uuidString
        let values = ActivityGradeValues(lines: lines, fields: ["pct_\(k)": "150", "seg_\(k)": hostile])
        let model = ProgramGradeView.Model(snapshot: program, periodNumero: 1, periodNombre: "PRIMER CUATRIMESTRE", lines: lines,
                                           component: nil, values: values, errors: ["pct_\(k)": "El % debe estar entre 0 y 100."],
                                           monitoring: false)
        let html = page(ProgramGradeView.content(model, csrf: "t"))
        #expect(ProgramGradeView.title(model) == "Seguimiento · Primer Cuatrimestre")
        #expect(html.contains("name=\"pct_\(k)\" value=\"150\""))
        #expect(html.contains("<div class=\"error\">El % debe estar entre 0 y 100.</div>"))
        #expect(html.contains(">\(escaped)</textarea>"))
        #expect(html.contains("Publicar &lt;mapa&gt;"))
        var none = model
        none.lines = []; none.monitoring = true
        #expect(page(ProgramGradeView.content(none, csrf: "t")).contains("No hay actividades asignadas a su dependencia en este programa."))
    }

    @Test func templatesProgramImportAndTheDocumentPage() {
        let template = TemplateViews.Template(id: UUID(), name: "PAAC <V2>", version: 3, componentCount: 6, periodicidad: "cuatrimestral")
        let list = page(TemplateViews.listContent([template]))
        #expect(list.contains("<td>PAAC &lt;V2&gt;</td><td class=\"num\">3</td><td class=\"num\">6</td>"))
        let edit = page(TemplateViews.editContent(.init(template: template, titulo: hostile, periodicidad: "semestral", outline: "1. X",
                                                        error: "Estructura, línea 2: <vacía>"), csrf: "t"))
        #expect(edit.contains("value=\"\(escaped)\""))
        #expect(edit.contains("Estructura, línea 2: &lt;vacía&gt;"))
        #expect(edit.contains("<option value=\"semestral\" selected=\"selected\">"))
        let newProgram = page(TemplateViews.newProgramContent(templates: [template], vigencia: "20x6", error: "Vigencia: «20x6» no es un año.", csrf: "t"))
        #expect(newProgram.contains("value=\"20x6\""))
        #expect(newProgram.contains("PAAC &lt;V2&gt; · versión 3"))
        var form = ProgramFormulationController.ActivityForm()
        form.actividad = hostile
        let target = TemplateViews.ActivityTarget(programID: UUID(), componentNumero: 2, componentNombre: "Rendición",
                                                  parent: (UUID(), hostile), editing: nil)
        let activity = page(TemplateViews.activityContent(.init(target: target, form: form, errors: ["meta": "Escriba la meta."], dependencies: []),
                                                          csrf: "t"))
        #expect(activity.contains("Dentro de la actividad: \(escaped)"))
        #expect(activity.contains(">\(escaped)</textarea>"))
        #expect(activity.contains("<small id=\"meta-ayuda\" class=\"error\">Escriba la meta.</small>"))
        #expect(activity.contains("aria-invalid=\"true\" aria-describedby=\"meta-ayuda\">"), "a refused textarea names its message")
        let imported = page(ProgramImportView.content(text: hostile, error: "Línea 1: <x>", csrf: "t"))
        #expect(imported.contains(">\(escaped)</textarea>") && imported.contains("Línea 1: &lt;x&gt;"))
        let doc = PlanReport.build(PlanSnapshot(unidadAuditable: "Hacienda"))
        #expect(page(ReportHTMLView.content(doc, round: 2)).contains("href=\"?seguimiento=2\""))
        #expect(page(ReportHTMLView.content(doc, round: nil)).contains("href=\"?\""))
    }
}
