import ArgumentParser
import Fluent
import Foundation
import Logging
import Vapor
import VigiaCore
import VigiaServer

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Carga los datos de demostración.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Flag(name: .customLong("if-empty"), help: "Solo si la base está vacía.") var ifEmpty = false
    @ArgumentParser.Option(help: "Plan de muestra") var sample = "Samples/plan-mejoramiento-demo.tsv"
    @ArgumentParser.Option(help: "Dónde guardar las credenciales generadas") var credentials = "data/credenciales-demo.txt"

    func run() async throws {
        let loaded: [Demo.Credential]? = try await withApp(db) { app in
            guard try await Demo.isEmpty(app.db) else { return nil }
            return try await Demo.load(samplePlan: URL(fileURLWithPath: sample), at: app.now, on: app.db)
        }
        guard let loaded else {
            print("La base de datos ya tiene datos; no se cargó la demostración.")
            if let saved = try? String(contentsOfFile: credentials, encoding: .utf8) { print(saved) }
            if !ifEmpty { throw ExitCode(1) }
            return
        }
        var text = "Datos de demostración cargados. Usuarios (correo / contraseña):\n"
        for c in loaded { text += "  \(c.role.label): \(c.email) / \(c.password)\n" }
        let url = URL(fileURLWithPath: credentials)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.createFile(atPath: credentials, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) {
            text += "(Guardadas en \(credentials), solo legible por su usuario.)\n"
        }
        print(text, terminator: "")
    }
}

struct ImportProgram: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "Importa el seguimiento publicado de un PAAC / PTEP (texto del informe de la OCI).",
        discussion: "La última línea de la salida es el identificador del programa creado.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Archivo de texto o libro .xlsx") var file: String
    @ArgumentParser.Option(name: .customLong("hoja"), help: "Hoja del libro .xlsx (por omisión la primera).") var sheet: String?
    @ArgumentParser.Option(name: .customLong("entidad"), help: "NIT de la entidad (si hay varias).") var entity: String?

    func run() async throws {
        let source = try readImport(file, sheet: sheet)
        let result = try await withApp(db) { app in try await VigiaTasks.importProgram(source, entityNIT: entity, at: app.now, on: app.db) }
        print("Programa \(result.program.vigencia) importado: \(result.program.componentes.count) componentes, \(result.program.activityCount) actividades, seguimiento del periodo \(result.period).")
        print(result.id.uuidString)
    }
}

struct ExportProgram: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "program", abstract: "Exporta un programa con sus cifras de un periodo.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Identificador del programa") var id: String
    @ArgumentParser.Option(help: "Número del periodo (cuatrimestre)") var period: Int
    @ArgumentParser.Option(help: "Formato: json, xlsx o pdf") var format = "json"
    @ArgumentParser.Option(name: .customLong("metodo"), help: "promedio_componentes (por omisión) o promedio_actividades") var method: String?
    @ArgumentParser.Option(name: .short, help: "Archivo de salida") var output: String?

    func run() async throws {
        let f = try reportFormat(format)
        guard let uuid = UUID(uuidString: id) else { throw ValidationFailure("«\(id)» no es un identificador de programa.") }
        let m = try method.map { text -> ProgramMethod in
            guard let m = ProgramMethod(rawValue: text) else { throw ValidationFailure("Método «\(text)» no reconocido.") }
            return m
        }
        if f != .json {
            let (data, name) = try await withApp(db) { app in
                try await VigiaTasks.exportProgramReport(id: uuid, period: period, format: f, on: app.db)
            }
            return try emit(data, to: output ?? name)
        }
        let data = try await withApp(db) { app in try await VigiaTasks.exportProgramJSON(id: uuid, period: period, method: m, on: app.db) }
        try emit(data, to: output)
    }
}

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Calcula, guarda y envía los recordatorios del día (el servidor lo hace cada hora).",
        discussion: "Correo: VIGIA_SMTP_URL (smtp://servidor:587 o smtps://…), VIGIA_SMTP_FROM, VIGIA_SMTP_USER, VIGIA_SMTP_PASSWORD, VIGIA_SMTP_STARTTLS=1.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(name: .customLong("hoy"), help: "Fecha a usar como hoy (dd/mm/aaaa), para pruebas") var today: String?

    func run() async throws {
        let chosen = try today.map { t -> LocalDate in
            guard let d = LocalDate(dayFirst: t) else { throw ValidationFailure("Fecha «\(t)» no válida (dd/mm/aaaa).") }
            return d
        }
        let (day, r) = try await withApp(db) { app in
            let day = chosen ?? app.today
            return (day, try await VigiaTasks.notify(today: day, app: app))
        }
        print("Recordatorios del \(day.dayFirst): \(r.created) nuevos, \(r.sent) enviados, \(r.failed) con error.")
    }
}
