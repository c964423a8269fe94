import Foundation
import Vapor
import VigiaCore

/// A JSON value, to write the OpenAPI description as data (and read its examples back in tests).
indirect enum JSONValue: Codable, Sendable, Equatable {
    case string(String), number(Double), bool(Bool), array([JSONValue]), object([(String, JSONValue)]), null

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.null, .null): true
        default: false
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    struct CodingName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        switch self {
        case .string(let s): var c = encoder.singleValueContainer(); try c.encode(s)
        case .number(let n): var c = encoder.singleValueContainer(); try c.encode(n)
        case .bool(let b): var c = encoder.singleValueContainer(); try c.encode(b)
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        case .array(let items): var c = encoder.unkeyedContainer(); for i in items { try c.encode(i) }
        case .object(let pairs):
            var c = encoder.container(keyedBy: CodingName.self)
            for (k, v) in pairs { try c.encode(v, forKey: CodingName(k)) }
        }
    }

    init(from decoder: Decoder) throws {
        if let c = try? decoder.container(keyedBy: CodingName.self) {
            self = .object(try c.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try c.decode(JSONValue.self, forKey: $0)) })
        } else if var c = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !c.isAtEnd { items.append(try c.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let n = try? c.decode(Double.self) { self = .number(n) }
            else { self = .string(try c.decode(String.self)) }
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
                     ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
}

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`. One entry per route
/// of the router (a test checks that none is missing and that every example fits its schema);
/// the texts are Spanish, like the API's messages.
enum OpenAPIDocument {
    struct Operation {
        var method: HTTPMethod
        var path: String
        var summary: String
        var roles: String
        var body: JSONValue? = nil
        var multipart: Bool = false
        var example: JSONValue? = nil
        var query: [(name: String, description: String, schema: JSONValue)] = []
        var ok: HTTPStatus = .ok
        var response: JSONValue = ["$ref": "#/components/schemas/Documento"]
    }

    /// `ApiURL`'s path with `{name}` for each parameter.
    static func path(_ url: ApiURL) -> String {
        "/" + url.pathComponents.map { c in
            if case .parameter(let name) = c { return "{\(name)}" }
            return c.description
        }.joined(separator: "/")
    }

    static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var o: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { o.append(("required", .array(required.map { .string($0) }))) }
        return .object(o)
    }

    static let string: JSONValue = ["type": "string"], integer: JSONValue = ["type": "integer"], number: JSONValue = ["type": "number"]
    static let boolean: JSONValue = ["type": "boolean"], uuid: JSONValue = ["type": "string", "format": "uuid"]
    static let date: JSONValue = ["type": "string", "description": "dd/mm/aaaa o aaaa-mm-dd"]
    static let percent: JSONValue = ["type": "number", "minimum": 0, "maximum": 100]
    static func list(_ item: JSONValue) -> JSONValue { ["type": "array", "items": item] }
    static func oneOf(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }

    static let actionFields: [(String, JSONValue)] = [
        ("descripcion", string), ("tipo", oneOf(ActionType.allCases.map(\.rawValue))), ("responsable", string), ("dependencias", list(string)),
        ("fechaInicial", date), ("fechaFinal", date), ("meta", string), ("metaCantidad", number), ("metaUnidad", string),
        ("indicador", string), ("objetivo", string),
    ]
    static let riskItemFields: [(String, JSONValue)] = [
        ("descripcion", string), ("responsable", string), ("tipo", string), ("implementacion", string), ("documentacion", string),
        ("frecuencia", string), ("evidencia", string), ("puntaje", number), ("fechaInicio", date), ("fechaFin", date),
        ("indicador", string), ("registro", string), ("dependencias", list(uuid)), ("actividadPrograma", uuid), ("revision", integer),
    ]

    static var operations: [Operation] {
        let plan = path(.plan(.key)), riskMap = path(.riskMap(.key))
        var ops: [Operation] = [
            .init(method: .GET, path: path(.plans), summary: "Planes visibles con su % y semáforo, los más nuevos primero (de a 100). El % y `seguimiento` son los del último seguimiento calificado o publicado (uno recién abierto y sin calificar no cuenta todavía).", roles: "todos",
                  query: [("pagina", "Página (desde 1).", integer), ("por_pagina", "Planes por página, hasta 500.", integer),
                          ("dependencia", "Solo los de esta dependencia.", uuid),
                          ("estado", "Solo en este estado.", oneOf(PlanStatus.allCases.map(\.rawValue)))],
                  response: list(["type": "object"])),
            .init(method: .POST, path: path(.plans), summary: "Crea un plan completo (la parte `plan` del documento).", roles: "OCI, administrador",
                  body: ["type": "object"], ok: .created),
            .init(method: .GET, path: plan, summary: "El documento del plan (= `vigia export plan --format json`), con revisiones y reformulaciones.",
                  roles: "quien ve el plan", query: [("seguimiento", "Número del seguimiento (el último por omisión).", integer)]),
            .init(method: .PATCH, path: plan, summary: "Datos del plan.", roles: "quien formula", body: ["type": "object"]),
            .init(method: .POST, path: path(.findings(.key)), summary: "Nuevo hallazgo (y, si se envían, sus acciones).", roles: "quien formula",
                  body: object([("numero", integer), ("descripcion", string), ("causa", string), ("efecto", string), ("criterio", string),
                                ("codigo", string), ("acciones", list(object(actionFields)))], required: ["numero", "descripcion"]),
                  example: ["numero": 5, "descripcion": "Las actas del comité no estaban publicadas.", "codigo": "CGR-2026-H05"], ok: .created),
            .init(method: .PATCH, path: path(.finding(.key, .key)), summary: "Cambia los campos enviados de un hallazgo.", roles: "quien formula",
                  body: object([("numero", integer), ("descripcion", string), ("causa", string), ("efecto", string), ("criterio", string), ("codigo", string)])),
            .init(method: .POST, path: path(.actions(.key, .key)), summary: "Nueva acción del hallazgo.", roles: "quien formula",
                  body: object(actionFields, required: ["descripcion", "fechaInicial", "fechaFinal", "meta", "indicador"]),
                  example: ["descripcion": "Publicar las actas", "responsable": "Secretaría General", "fechaInicial": "01/02/2027",
                            "fechaFinal": "30/06/2027", "meta": "12 actas publicadas", "indicador": "Número de actas publicadas"], ok: .created),
            .init(method: .PATCH, path: path(.action(.key, .key)), summary: "Cambia los campos enviados de una acción (no una REFORMULADA: 409).",
                  roles: "quien formula", body: object(actionFields)),
            .init(method: .POST, path: path(.rounds(.key)), summary: "Abre un seguimiento.", roles: "OCI",
                  body: object([("fechaCorte", date), ("fechaSeguimiento", date), ("esCierre", boolean), ("reporteDesde", date), ("reporteHasta", date)],
                               required: ["fechaCorte"]),
                  example: ["fechaCorte": "2027-06-30"], ok: .created),
            .init(method: .PUT, path: path(.round(.key, .key)), summary: "Califica acciones del seguimiento; las no nombradas conservan su calificación. Una acción REFORMULADA o aún no vigente: 422.",
                  roles: "OCI",
                  body: object([("fechaCorte", date), ("fechaSeguimiento", date), ("esCierre", boolean),
                                ("calificaciones", list(object([("accionId", uuid), ("porcentaje", percent), ("evidencias", string), ("observaciones", string),
                                                                ("estado", oneOf(ActionState.allCases.map(\.rawValue))), ("justificacion", string)], required: ["accionId"]))),
                                ("hallazgos", list(object([("hallazgoId", uuid), ("estado", oneOf(FindingState.allCases.map(\.rawValue))), ("justificacion", string)],
                                                          required: ["hallazgoId"])))]),
                  example: ["calificaciones": [["accionId": "5F36FAFA-FE11-41A0-A5DB-42277F569EA5", "porcentaje": 60, "observaciones": "Soportes revisados"]]]),
            .init(method: .POST, path: path(.findingReviews(.key, .key)),
                  summary: "Revisión de eficacia y efectividad del hallazgo, con sus archivos de evidencia (al menos uno, en `archivos`). Solo una que lo cierra deja el hallazgo CERRADO.",
                  roles: "OCI",
                  body: object([("fecha", date), ("criterios", string), ("eficacia", oneOf(EficaciaVerdict.allCases.map(\.rawValue))),
                                ("efectividad", oneOf(EfectividadVerdict.allCases.map(\.rawValue))), ("decision", oneOf(ReviewDecision.allCases.map(\.rawValue))),
                                ("observaciones", string), ("archivos", list(["type": "string", "contentMediaType": "application/octet-stream"]))],
                               required: ["fecha", "criterios", "eficacia", "efectividad", "decision", "archivos"]),
                  multipart: true, ok: .created),
            .init(method: .POST, path: path(.reformulations(.key, .key)), summary: "Propone reformular la acción (nueva acción o nuevas fechas), con su justificación.",
                  roles: "responsable de la dependencia, OCI",
                  body: object([("justificacion", string), ("descripcion", string), ("fecha_inicial", date), ("fecha_final", date), ("meta", string),
                                ("meta_cantidad", string), ("indicador", string), ("responsable", string)],
                               required: ["justificacion", "descripcion", "fecha_inicial", "fecha_final", "meta", "indicador", "responsable"]),
                  example: ["justificacion": "El sistema estuvo fuera de servicio", "descripcion": "Depurar la cartera", "fecha_inicial": "01/02/2027",
                            "fecha_final": "30/06/2027", "meta": "100 % de los registros", "indicador": "Registros depurados / Registros", "responsable": "Rentas"],
                  ok: .created),
            .init(method: .POST, path: path(.reformulationDecision(.key, .key)), summary: "Aprueba o rechaza una reformulación pendiente (motivo para rechazar; acta si aprueba el comité).",
                  roles: "OCI", body: object([("aprobar", boolean), ("motivo", string), ("acta", string)], required: ["aprobar"]),
                  example: ["aprobar": true, "acta": "Acta 01 del 19/01/2027"]),
            .init(method: .GET, path: path(.planExport(.key, .key)), summary: "El documento del plan como archivo (`formato`: xlsx, pdf o html).", roles: "quien ve el plan",
                  response: ["type": "string", "contentMediaType": "application/octet-stream"]),
            .init(method: .GET, path: path(.programExport(.key, .key, .key)), summary: "El seguimiento de un periodo del programa como archivo.", roles: "todos",
                  response: ["type": "string", "contentMediaType": "application/octet-stream"]),
            .init(method: .GET, path: path(.programs), summary: "Programas anticorrupción (PAAC / PTEP) de la entidad.", roles: "todos", response: list(["type": "object"])),
            .init(method: .GET, path: path(.program(.key)), summary: "El documento de un periodo del programa.", roles: "todos",
                  query: [("periodo", "Número del periodo.", integer), ("metodo", "promedio_actividades para promediar actividades.", string)]),
            .init(method: .PUT, path: path(.programFollowUp(.key, .key)), summary: "El seguimiento de la OCI de un periodo.", roles: "OCI",
                  body: object([("actividades", list(object([("actividadId", uuid), ("porcentaje", percent), ("noAplica", boolean), ("texto", string),
                                                              ("evidencias", list(string))], required: ["actividadId"])))])),
            .init(method: .PUT, path: path(.programMonitoring(.key, .key)), summary: "El monitoreo de las actividades de la dependencia.", roles: "responsable",
                  body: object([("actividades", list(object([("actividadId", uuid), ("porcentaje", percent), ("texto", string), ("evidencias", list(string))],
                                                            required: ["actividadId"])))])),
            .init(method: .PUT, path: path(.programPeriod(.key, .key)), summary: "Fechas del periodo.", roles: "OCI",
                  body: object([("fechaCorte", date), ("fechaLimitePublicacion", date), ("monitoreoDesde", date), ("monitoreoHasta", date)],
                               required: ["fechaCorte", "fechaLimitePublicacion"])),
            .init(method: .PUT, path: path(.programStatus(.key)), summary: "Estado del programa.", roles: "OCI",
                  body: object([("estado", oneOf(["formulacion", "en_seguimiento", "cerrado"]))], required: ["estado"]), example: ["estado": "en_seguimiento"]),
            .init(method: .POST, path: path(.programActivities(.key, .key)), summary: "Nueva actividad del componente.", roles: "OCI",
                  body: object([("subcomponente", string), ("actividad", string), ("meta", string), ("responsables", string), ("dependencias", list(uuid)),
                                ("fechaProgramada", string)], required: ["actividad"]), ok: .created),
            .init(method: .PUT, path: path(.programActivity(.key, .key)), summary: "Cambia una actividad.", roles: "OCI", body: ["type": "object"]),
            .init(method: .DELETE, path: path(.programActivity(.key, .key)), summary: "Elimina una actividad sin seguimiento ni monitoreo.", roles: "OCI",
                  ok: .noContent),
            .init(method: .POST, path: path(.programSubitems(.key, .key)), summary: "Nueva subactividad.", roles: "OCI", body: ["type": "object"], ok: .created),
            .init(method: .GET, path: path(.riskMaps), summary: "Mapas de riesgos de corrupción de la entidad.", roles: "todos", response: list(["type": "object"])),
            .init(method: .POST, path: path(.riskMaps), summary: "Nuevo mapa de riesgos.", roles: "OCI, administrador",
                  body: object([("vigencia", integer), ("metodologia", string)], required: ["vigencia"]), example: ["vigencia": 2027, "metodologia": "v6"],
                  ok: .created),
            .init(method: .GET, path: riskMap, summary: "El documento de un periodo del mapa.", roles: "todos",
                  query: [("periodo", "Número del periodo.", integer), ("metodo", "promedio_acciones para promediar acciones.", string)]),
            .init(method: .POST, path: path(.risks(.key)), summary: "Nuevo riesgo.", roles: "OCI, administrador",
                  body: object([("proceso", string), ("objetivo", string), ("causasInternas", string), ("causasExternas", string), ("riesgo", string),
                                ("consecuencias", string), ("probabilidad", integer), ("respuestas", list(integer)), ("impacto", integer),
                                ("opcionDeManejo", string), ("revision", integer)])),
            .init(method: .PUT, path: path(.apiRisk(.key, .key)), summary: "Cambia un riesgo.", roles: "OCI, administrador", body: ["type": "object"]),
            .init(method: .DELETE, path: path(.apiRisk(.key, .key)), summary: "Elimina un riesgo sin seguimiento ni monitoreo.", roles: "OCI, administrador",
                  query: [("revision", "La revisión del mapa que se vio.", integer)]),
            .init(method: .PUT, path: path(.riskMapFollowUp(.key, .key)), summary: "Seguimiento de la OCI del periodo.", roles: "OCI, administrador",
                  body: object([("calificaciones", list(object([("riesgo", integer), ("accion", integer), ("porcentaje", percent), ("observaciones", string)],
                                                               required: ["riesgo", "accion"]))),
                                ("materializaciones", list(object([("riesgo", integer), ("materializado", boolean), ("descripcion", string)],
                                                                  required: ["riesgo", "materializado"]))), ("revision", integer)])),
        ]
        for kind in RiskItemKind.allCases {
            let what = kind == .control ? "control" : "acción"
            ops += [
                .init(method: .POST, path: path(.riskItems(.key, .key, kind)), summary: "Nuevo \(what) del riesgo.", roles: "OCI, administrador",
                      body: object(riskItemFields)),
                .init(method: .PUT, path: path(.apiRiskItem(.key, .key, kind, .key)), summary: "Cambia \(kind.named(1).replacingOccurrences(of: " 1", with: "")) del riesgo.",
                      roles: "OCI, administrador", body: object(riskItemFields)),
                .init(method: .DELETE, path: path(.apiRiskItem(.key, .key, kind, .key)), summary: "Elimina \(kind.named(1).replacingOccurrences(of: " 1", with: "")) del riesgo.",
                      roles: "OCI, administrador", query: [("revision", "La revisión del mapa que se vio.", integer)]),
            ]
        }
        ops.append(.init(method: .GET, path: path(.openAPI), summary: "Esta descripción (OpenAPI 3.1).", roles: "todos", response: ["type": "object"]))
        return ops
    }

    static func document() -> JSONValue {
        var paths: [(String, JSONValue)] = []
        for op in operations {
            let parameters: [JSONValue] = op.path.split(separator: "/").compactMap { part in
                guard part.hasPrefix("{") else { return nil }
                let name = String(part.dropFirst().dropLast())
                let schema: JSONValue = ["numero", "periodo", "posicion"].contains(name) ? integer : name == "formato" ? string : uuid
                return ["name": .string(name), "in": "path", "required": true, "schema": schema]
            } + op.query.map { ["name": .string($0.name), "in": "query", "schema": $0.schema, "description": .string($0.description)] }
            var o: [(String, JSONValue)] = [("summary", .string(op.summary)), ("description", .string("Rol: \(op.roles)."))]
            if !parameters.isEmpty { o.append(("parameters", .array(parameters))) }
            if var body = op.body {
                if let example = op.example, case .object(var pairs) = body { pairs.append(("examples", [example])); body = .object(pairs) }
                o.append(("requestBody", ["required": true, "content": .object([(op.multipart ? "multipart/form-data" : "application/json", ["schema": body])])]))
            }
            var responses: [(String, JSONValue)] = [(String(op.ok.code), op.ok == .noContent ? ["description": "Hecho."]
                                                     : ["description": "Hecho.", "content": ["application/json": ["schema": op.response]]])]
            for (code, text) in [("401", "Sin sesión ni token válido."), ("403", "El rol no lo permite, o falta el código CSRF (con sesión)."),
                                 ("404", "No existe o es de otra entidad."), ("409", "El estado no lo permite (publicado, cerrado, cambiado mientras tanto)."),
                                 ("422", "Datos rechazados: `campos` dice cuáles y por qué, en español.")] {
                responses.append((code, ["description": .string(text), "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]))
            }
            o.append(("responses", .object(responses)))
            if let i = paths.firstIndex(where: { $0.0 == op.path }), case .object(var methods) = paths[i].1 {
                methods.append((op.method.rawValue.lowercased(), .object(o)))
                paths[i].1 = .object(methods)
            } else {
                paths.append((op.path, .object([(op.method.rawValue.lowercased(), .object(o))])))
            }
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "API de Vigía", "version": "1",
                     "description": "Planes de mejoramiento, seguimientos, revisiones de eficacia y efectividad, reformulaciones, programas anticorrupción y mapas de riesgos de corrupción de la entidad del usuario. Mismos roles, reglas y mensajes que las páginas."],
            "servers": [["url": "/"]],
            "security": [["token": []], ["sesion": []]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "token": ["type": "http", "scheme": "bearer", "description": "Token creado en /cuenta/tokens o con `vigia create-token`; no necesita CSRF."],
                    "sesion": ["type": "apiKey", "in": "cookie", "name": "vigia_sesion",
                               "description": "La sesión del navegador; las escrituras llevan además la cabecera X-CSRF-Token."],
                ],
                "schemas": [
                    "Error": object([("error", boolean), ("reason", string), ("campos", ["type": "object", "additionalProperties": string])],
                                    required: ["error", "reason"]),
                    "Documento": ["type": "object", "description": "El documento JSON del plan, del programa o del mapa (claves en español, estables)."],
                ],
            ],
        ]
    }

    @Sendable static func serve(req: Request) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        let res = Response(status: .ok, body: .init(data: try encoder.encode(document())))
        res.headers.contentType = .json
        return res
    }
}
