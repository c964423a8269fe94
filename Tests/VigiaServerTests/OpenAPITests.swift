import Foundation
import Testing
import Vapor
import VaporTesting
@testable import VigiaServer

@Suite("OpenAPI 3.1 description of /api/v1: every route in it, every example fits its schema")
struct OpenAPITests {
    /// The problems of `value` against the subset of JSON Schema the description uses.
    static func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        var out: [String] = []
        switch (schema["type"], value) {
        case (.string("object")?, .object(let pairs)):
            let present = Set(pairs.map(\.0))
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where !present.contains(key) { out.append("\(path): falta «\(key)»") }
            }
            if case .object(let properties)? = schema["properties"] {
                for (key, v) in pairs {
                    guard let p = properties.first(where: { $0.0 == key })?.1 else { out.append("\(path).\(key): no está en el esquema"); continue }
                    out += problems(v, p, at: "\(path).\(key)")
                }
            }
        case (.string("array")?, .array(let items)):
            if let item = schema["items"] { for (i, v) in items.enumerated() { out += problems(v, item, at: "\(path)[\(i)]") } }
        case (.string("string")?, .string(let s)):
            if case .array(let allowed)? = schema["enum"], !allowed.contains(.string(s)) { out.append("\(path): «\(s)» no está en enum") }
        case (.string("integer")?, .number(let n)):
            if n != n.rounded() { out.append("\(path): \(n) no es entero") }
        case (.string("number")?, .number(let n)):
            if case .number(let min)? = schema["minimum"], n < min { out.append("\(path): menor que \(min)") }
            if case .number(let max)? = schema["maximum"], n > max { out.append("\(path): mayor que \(max)") }
        case (.string("boolean")?, .bool):
            break
        case (nil, _):
            break
        default:
            out.append("\(path): tipo distinto del esquema")
        }
        return out
    }

    @Test("Served without signing in; the router's /api/v1 routes and the description's operations are the same set; examples validate",
          arguments: [TestDB.sqlite])
    func description(db: TestDB) async throws {
        try await withTestApp(db) { app, _ in
            let res = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(res.status == .ok && res.headers.contentType == .json)
            let doc = try JSONDecoder().decode(JSONValue.self, from: Data(res.body.readableBytesView))
            #expect(doc["openapi"] == .string("3.1.0"))
            // A validator of the OpenAPI 3.1 specification (installed by `make deps`) accepts it.
            let validator = Process()
            validator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            validator.arguments = ["python3", "-c", "import json, sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(sys.stdin))"]
            let input = Pipe(), errors = Pipe()
            validator.standardInput = input
            validator.standardError = errors
            try validator.run()
            input.fileHandleForWriting.write(Data(res.body.readableBytesView))
            try input.fileHandleForWriting.close()
            validator.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(validator.terminationStatus == 0, "openapi-spec-validator: \(message.suffix(1500))")
            guard case .object(let paths)? = doc["paths"] else { Issue.record("sin paths"); return }
            var described = Set<String>()
            for (path, methods) in paths {
                guard case .object(let ops) = methods else { continue }
                for (method, op) in ops {
                    described.insert("\(method.uppercased()) \(path)")
                    // Examples fit their schema.
                    if case .object(let content)? = op["requestBody"]?["content"] {
                        for (_, media) in content {
                            guard let schema = media["schema"], case .array(let examples)? = schema["examples"] else { continue }
                            for example in examples {
                                let found = Self.problems(example, schema)
                                #expect(found.isEmpty, "\(method) \(path): \(found)")
                            }
                        }
                    }
                    #expect(op["responses"]?["422"] != nil, "\(method) \(path) documents its refusals")
                }
            }
            let routed = Set(app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                "\(route.method.rawValue) /" + route.path.map { c in
                    if case .parameter(let name) = c { return "{\(name)}" }
                    return c.description
                }.joined(separator: "/")
            })
            #expect(routed.subtracting(described).isEmpty, "routes missing from the description: \(routed.subtracting(described).sorted())")
            #expect(described.subtracting(routed).isEmpty, "described but not routed: \(described.subtracting(routed).sorted())")
            #expect(routed.count >= 35)
            // The validator itself says no when it should.
            let schema = OpenAPIDocument.object([("aprobar", OpenAPIDocument.boolean), ("n", OpenAPIDocument.percent)], required: ["aprobar"])
            #expect(!Self.problems(["n": 150], schema).isEmpty && Self.problems(["aprobar": true, "n": 50], schema).isEmpty)
            #expect(!Self.problems(["aprobar": "sí"], schema).isEmpty)
        }
    }
}
