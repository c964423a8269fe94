import Foundation
import Plot
import Testing
import VigiaCore
@testable import VigiaServer

/// The forms rendered from hand-built values, without a server or a database: what a user sees
/// beside each field, the values kept after a refusal, and every value escaped.
@Suite("Forms render from their values alone")
struct FormViewTests {
    let context = PageContext(title: "Prueba", csrf: "token-csrf")
    let hostile = "<b>\"x\" & 'y'</b>"
    let escaped = "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"

    func page(_ content: [Node<HTML.BodyContext>]) -> String { Layout.html(context) { content } }

    @Test func findingFormKeepsTheTextAndShowsTheErrorBesideItsField() {
        var form = FindingForm()
        form.numero = "x"; form.causa = hostile
        let model = FindingFormView.Model(planID: UUID(), unidadAuditable: "Hacienda & Tesoro", editing: (UUID(), 4), form: form,
                                          errors: ["numero": "El número del hallazgo debe ser un entero mayor que 0."])
        let html = page(FindingFormView.content(model, csrf: "token-csrf"))
        #expect(FindingFormView.title(model) == "Editar hallazgo 4")
        #expect(html.contains("<h1>Editar hallazgo 4 · Hacienda &amp; Tesoro</h1>"))
        #expect(html.contains("aria-invalid=\"true\""))
        #expect(html.contains("<small id=\"numero-ayuda\" class=\"error\">El número del hallazgo debe ser un entero mayor que 0.</small>"))
        #expect(html.contains("value=\"x\""))
        #expect(html.contains(escaped))
        #expect(!html.contains(hostile))
        #expect(html.contains("name=\"_csrf\" value=\"token-csrf\""))
    }

    @Test func actionFormTicksItsDependenciasAndShowsEachError() {
        let chosen = UUID(), other = UUID()
        var form = ActionForm()
        form.descripcion = hostile; form.fechaInicial = "40/40/2026"; form.dependencias = [chosen.uuidString]
        let model = ActionFormView.Model(planID: UUID(), finding: (UUID(), 2, "Faltan <soportes>"), editing: nil, form: form,
                                         errors: ["fechaInicial": "La fecha inicial «40/40/2026» no es válida."],
                                         dependencies: [.init(id: chosen, name: "Hacienda"), .init(id: other, name: "Jurídica <1>")])
        let html = page(ActionFormView.content(model, csrf: "t"))
        #expect(ActionFormView.title(model) == "Nueva acción del hallazgo 2")
        #expect(html.contains("Hallazgo 2: Faltan &lt;soportes&gt;"))
        #expect(html.contains("class=\"error\">La fecha inicial «40/40/2026» no es válida.</small>"))
        #expect(html.contains("value=\"40/40/2026\""), "an unreadable date comes back as typed, in a text box")
        #expect(!html.contains("type=\"date\" name=\"fechaInicial\""))
        #expect(html.contains("value=\"\(chosen.uuidString)\" checked"))
        #expect(!html.contains("value=\"\(other.uuidString)\" checked"))
        #expect(html.contains("Jurídica &lt;1&gt;"))
        #expect(html.contains(escaped))
    }

    @Test func planFormAndImportKeepWhatWasTyped() {
        let dep = UUID()
        var form = PlanForm()
        form.unidadAuditable = hostile; form.dependencia = dep.uuidString; form.fechaSuscripcion = "x"
        let model = PlanFormView.Model(planID: nil, form: form, errors: ["fechaSuscripcion": "Fecha inválida"],
                                       dependencies: [.init(id: dep, name: "Hacienda")])
        let html = page(PlanFormView.content(model, csrf: "t"))
        #expect(PlanFormView.title(model) == "Nuevo plan de mejoramiento")
        #expect(html.contains("<option value=\"\(dep.uuidString)\" selected=\"selected\">Hacienda</option>"))
        #expect(html.contains("class=\"error\">Fecha inválida</small>"))
        #expect(html.contains("value=\"\(escaped)\""))
        #expect(html.contains("action=\"/planes/nuevo\""))
        let imported = page(PlanImportView.content(text: hostile, error: "Línea 3: <columna>", csrf: "t"))
        #expect(imported.contains("Línea 3: &lt;columna&gt;"))
        #expect(imported.contains(">\(escaped)</textarea>"))
        #expect(!page(PlanImportView.content(text: "", error: nil, csrf: "t")).contains("role=\"alert\""))
    }

    @Test func roundFormsShowTheErrorBesideTheActionsPercent() {
        let actionID = UUID(), findingID = UUID()
        let plan = PlanSnapshot(id: UUID(), unidadAuditable: "Hacienda", hallazgos: [
            FindingSnapshot(id: findingID, numero: 1, descripcion: "H", acciones: [ActionSnapshot(id: actionID, descripcion: "Acción <1>")]),
        ])
        let k = actionID.uuidString
        let values = RoundValues(fields: ["fechaCorte": "30/06/2026", "pct_\(k)": "abc", "ev_\(k)": hostile], plan: plan)
        let model = RoundFormView.Model(snapshot: plan, round: RoundSnapshot(numero: 1), values: values,
                                        errors: ["pct_\(k)": "Hallazgo 1, acción 1: «abc» no es un %."])
        let html = page(RoundFormView.content(model, csrf: "t"))
        #expect(RoundFormView.title(model) == "Seguimiento 1")
        #expect(html.contains("name=\"pct_\(k)\" value=\"abc\""))
        #expect(html.contains("<div id=\"pct_\(k)-error\" class=\"error\">Hallazgo 1, acción 1: «abc» no es un %.</div>"))
        #expect(html.contains("name=\"pct_\(k)\" value=\"abc\" inputmode=\"decimal\" aria-label=\"Hallazgo 1, acción 1: % de avance\" size=\"5\" aria-invalid=\"true\" aria-describedby=\"pct_\(k)-error\""),
                "the refused % names its message")
        #expect(html.contains(">\(escaped)</textarea>"))
        #expect(html.contains("Acción &lt;1&gt;"))
        #expect(html.contains("Sin autoreporte"))
        var form = FollowUpController.RoundForm()
        form.fechaCorte = "31/02/2026"
        let opening = page(NewRoundView.content(.init(planID: UUID(), unidadAuditable: "H & C", numero: 2, form: form,
                                                      errors: ["fechaCorte": "La fecha de corte «31/02/2026» no es válida (dd/mm/aaaa)."]), csrf: "t"))
        #expect(opening.contains("Registrar el seguimiento No. 2 · H &amp; C"))
        #expect(opening.contains("<small id=\"fechaCorte-ayuda\" class=\"error\">La fecha de corte «31/02/2026» no es válida (dd/mm/aaaa).</small>"))
        #expect(opening.contains("type=\"text\" name=\"fechaCorte\" id=\"fechaCorte\" value=\"31/02/2026\""))
        // A readable date, typed day-first or sent by a date input, is a native date input holding aaaa-mm-dd.
        for typed in ["4/01/2027", "2027-01-04"] {
            form.fechaCorte = typed
            let html = page(NewRoundView.content(.init(planID: UUID(), unidadAuditable: "H", numero: 2, form: form, errors: [:]), csrf: "t"))
            #expect(html.contains("type=\"date\" name=\"fechaCorte\" id=\"fechaCorte\" value=\"2027-01-04\" required"), "\(typed)")
            #expect(html.contains("min=\"1900-01-01\" max=\"2999-12-31\"/>"))
        }
    }
}
