import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

/// A JSON value for API bodies that mix strings, numbers and nulls.
enum JSONBody: Encodable {
    case s(String), n(Double), b(Bool), null, a([JSONBody]), o([String: JSONBody])

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .s(let v): try c.encode(v)
        case .n(let v): try c.encode(v)
        case .b(let v): try c.encode(v)
        case .null: try c.encodeNil()
        case .a(let v): try c.encode(v)
        case .o(let v): try c.encode(v)
        }
    }
}

/// One invalid input, said once for the form and once for the API, and the Spanish message
/// both must answer with.
struct ParityCase: CustomStringConvertible, Sendable {
    enum Target: Sendable { case newFinding, editFinding, newAction, newRound, grade }
    let name: String
    let target: Target
    let form: [String: String]
    let json: [String: JSONBody]
    let message: String
    var description: String { name }
}

let validActionFields: [String: String] = [
    "descripcion": "Ajustar el procedimiento", "responsable": "Secretaría de Hacienda", "fechaInicial": "2026-01-15",
    "fechaFinal": "2026-06-30", "meta": "1 procedimiento", "indicador": "Procedimiento adoptado"]

private func actionCase(_ name: String, _ changes: [String: String?], _ message: String) -> ParityCase {
    var form = validActionFields
    for (k, v) in changes { form[k] = v }
    var json: [String: JSONBody] = [:]
    for (k, v) in form { json[k] = .s(v) }
    return ParityCase(name: name, target: .newAction, form: form, json: json, message: message)
}

private let cases: [ParityCase] = [
    actionCase("action without description", ["descripcion": ""], "Describa la acción."),
    actionCase("action without responsable", ["responsable": ""], "Indique el responsable."),
    actionCase("action without fecha inicial", ["fechaInicial": nil], "Escriba la fecha inicial (dd/mm/aaaa)."),
    actionCase("action ending before it starts", ["fechaFinal": "2025-12-31"], "La fecha final es anterior a la fecha inicial."),
    actionCase("action without meta", ["meta": " "], "Escriba la meta."),
    actionCase("action without indicador", ["indicador": ""], "Escriba el indicador."),
    ParityCase(name: "negative meta quantity", target: .newAction,
               form: validActionFields.merging(["metaCantidad": "-3"]) { $1 },
               json: validActionFields.mapValues { JSONBody.s($0) }.merging(["metaCantidad": .n(-3)]) { $1 },
               message: "La cantidad de la meta debe ser un número mayor o igual que 0."),
    ParityCase(name: "finding number taken", target: .newFinding, form: ["numero": "1", "descripcion": "Otro"],
               json: ["numero": .n(1), "descripcion": .s("Otro")], message: "Ya existe el hallazgo 1 en este plan."),
    ParityCase(name: "finding without description", target: .newFinding, form: ["numero": "90", "descripcion": "  "],
               json: ["numero": .n(90), "descripcion": .s("  ")], message: "Describa el hallazgo."),
    ParityCase(name: "finding number zero", target: .newFinding, form: ["numero": "0", "descripcion": "x"],
               json: ["numero": .n(0), "descripcion": .s("x")], message: "El número del hallazgo debe ser un entero mayor que 0."),
    ParityCase(name: "finding edited to no description", target: .editFinding, form: ["numero": "1", "descripcion": ""],
               json: ["descripcion": .s("")], message: "Describa el hallazgo."),
    ParityCase(name: "round without cut-off", target: .newRound, form: ["fechaCorte": ""], json: [:],
               message: "Escriba la fecha de corte (dd/mm/aaaa)."),
    ParityCase(name: "reporting window ending before it opens", target: .newRound,
               form: ["fechaCorte": "2026-06-30", "reporteDesde": "2026-06-10", "reporteHasta": "2026-06-01"],
               json: ["fechaCorte": .s("2026-06-30"), "reporteDesde": .s("2026-06-10"), "reporteHasta": .s("2026-06-01")],
               message: "Autoreportes: la fecha final de la ventana es anterior a la inicial."),
    ParityCase(name: "a % above 100", target: .grade, form: ["pct": "150"], json: ["porcentaje": .n(150)],
               message: "Hallazgo 1, acción 1: el % de avance «150» debe ser un número de 0 a 100."),
    ParityCase(name: "CERRADA picked by hand", target: .grade, form: ["pct": "100", "st": "cerrada", "js": "Se cerró"],
               json: ["porcentaje": .n(100), "estado": .s("cerrada"), "justificacion": .s("Se cerró")],
               message: "Hallazgo 1, acción 1: una acción queda CERRADA cuando la revisión de eficacia y efectividad cierra su hallazgo; regístrela en la página del plan."),
]

@Suite("The web and the API refuse the same inputs with the same Spanish messages")
struct ParityTests {
    @Test("Each invalid input, through the form and through the API", arguments: TestDB.all, cases)
    func parity(db: TestDB, c: ParityCase) async throws {
        try await withTestApp(db) { app, fx in
            // setup
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            _ = try await oci.post("/planes/\(fx.planA)/seguimientos/nuevo", ["fechaCorte": "2026-06-30"])
            let snap = try await roundValues(app, plan: fx.planA)
            let finding = try #require(snap.hallazgos[0].id), action = try #require(snap.hallazgos[0].acciones[0].id)
            var user = oci
            let before = try await counts(app)
            // MUT
            let (webPath, apiMethod, apiPath, form, json) = request(c, plan: fx.planA, finding: finding, action: action)
            _ = try await user.get(webPath)
            let web = try await user.post(webPath, form)
            let api = try await user.json(apiMethod, apiPath, JSONBody.o(json))
            // validate
            #expect(web.status == .unprocessableEntity, "web: \(c.name)")
            #expect(api.status == .unprocessableEntity, "API: \(c.name) \(api.body.string)")
            #expect(web.body.string.contains(HTMLEscape.text(c.message)), "web message: \(c.name)")
            let reason = try api.content.decode(HTMLErrorMiddleware.ErrorBody.self)
            #expect(reason.reason.contains(c.message), "API message: \(c.name): \(reason.reason)")
            #expect(reason.campos?.isEmpty == false)
            #expect(try await counts(app) == before, "nothing written: \(c.name)")
        }
    }

    @Test("A valid action goes through both doors alike", arguments: TestDB.all)
    func aValidAction(db: TestDB) async throws {
        try await withTestApp(db) { app, fx in
            var oci = try await Browser.signedIn(app, as: "oci@a.gov.co")
            let finding = try #require(try await roundValues(app, plan: fx.planA).hallazgos[0].id)
            _ = try await oci.get("/planes/\(fx.planA)/hallazgos/\(finding)/acciones/nueva")
            let web = try await oci.post("/planes/\(fx.planA)/hallazgos/\(finding)/acciones/nueva", validActionFields)
            let api = try await oci.json(.POST, "/api/v1/plans/\(fx.planA)/findings/\(finding)/actions", validActionFields)
            #expect(web.status == .seeOther)
            #expect(api.status == .created)
            let actions = try await roundValues(app, plan: fx.planA).hallazgos[0].acciones.suffix(2)
            #expect(actions.map(\.descripcion) == ["Ajustar el procedimiento", "Ajustar el procedimiento"])
            #expect(actions.map(\.fechaFinal) == [LocalDate(year: 2026, month: 6, day: 30), LocalDate(year: 2026, month: 6, day: 30)])
            let trail = try await AuditEvent.query(on: app.db).filter(\.$summary ~~ "Agregó la acción").all().map(\.summary)
            #expect(trail.contains { $0.hasSuffix("(API)") } && trail.contains { !$0.hasSuffix("(API)") })
        }
    }

    private func request(_ c: ParityCase, plan: UUID, finding: UUID, action: UUID)
        -> (String, HTTPMethod, String, [String: String], [String: JSONBody]) {
        switch c.target {
        case .newFinding:
            return ("/planes/\(plan)/hallazgos/nuevo", .POST, "/api/v1/plans/\(plan)/findings", c.form, c.json)
        case .newAction:
            return ("/planes/\(plan)/hallazgos/\(finding)/acciones/nueva", .POST, "/api/v1/plans/\(plan)/findings/\(finding)/actions", c.form, c.json)
        case .editFinding:
            return ("/planes/\(plan)/hallazgos/\(finding)/editar", .PATCH, "/api/v1/plans/\(plan)/findings/\(finding)", c.form, c.json)
        case .newRound:
            return ("/planes/\(plan)/seguimientos/nuevo", .POST, "/api/v1/plans/\(plan)/rounds", c.form, c.json)
        case .grade:
            var form = ["fechaCorte": "2026-06-30"]
            for (k, v) in c.form { form["\(k)_\(action.uuidString)"] = v }
            var grade = c.json
            grade["accionId"] = .s(action.uuidString)
            return ("/planes/\(plan)/seguimientos/1", .PUT, "/api/v1/plans/\(plan)/rounds/1", form, ["calificaciones": .a([.o(grade)])])
        }
    }

    private func counts(_ app: Application) async throws -> [Int] {
        [try await Finding.query(on: app.db).count(), try await Action.query(on: app.db).count(),
         try await FollowUpRound.query(on: app.db).count(), try await ActionGrade.query(on: app.db).count(),
         try await AuditEvent.query(on: app.db).count(), try await ImprovementPlan.query(on: app.db).count()]
    }
}
