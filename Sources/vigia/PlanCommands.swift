import ArgumentParser
import Fluent
import Foundation
import Logging
import Vapor
import VigiaCore
import VigiaServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Atiende la aplicación web.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(help: "Dirección en la que escucha.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Puerto.") var port = 8080

    func run() async throws {
        let app = try await db.app(arguments: ["vigia", "serve", "--hostname", hostname, "--port", "\(port)"], logLevel: .info)
        // Unbuffered: `make run` pipes stdout and the URL must show before the server blocks.
        FileHandle.standardOutput.write(Data("Vigía atiende en http://\(hostname):\(port)\n".utf8))
        do {
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Crea o actualiza las tablas de la base de datos.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let url = try DatabaseURL.resolve(db.database)
        try await withApp(db) { _ in }
        print("Base de datos al día: \(url)")
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Importa documentos.", subcommands: [ImportPlan.self, ImportProgram.self, ImportRiskMap.self])
}

struct ImportPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Importa un plan de mejoramiento en el formato B-I-007: libro .xlsx o texto separado por tabulaciones.",
        discussion: "La última línea de la salida es el identificador del plan creado.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Archivo .xlsx, .txt o .tsv") var file: String
    @ArgumentParser.Option(name: .customLong("hoja"), help: "Hoja del libro .xlsx (por omisión la primera).") var sheet: String?
    @ArgumentParser.Option(name: .customLong("entidad"), help: "NIT de la entidad (si hay varias).") var entity: String?
    @ArgumentParser.Option(name: .customLong("unidad"), help: "Unidad auditable, si el archivo no la trae.") var unidad: String?
    @ArgumentParser.Option(name: .customLong("dependencia"), help: "Dependencia auditada (se crea si no existe).") var dependency: String?

    func run() async throws {
        let source = try readImport(file, sheet: sheet)
        let result = try await withApp(db) { app in
            try await VigiaTasks.importPlan(source, entityNIT: entity, unidad: unidad, dependency: dependency, at: app.now, on: app.db)
        }
        for note in result.notes { print("Nota: \(note)") }
        print("Plan importado: \(result.plan.hallazgos.count) hallazgos, \(result.plan.actionCount) acciones, \(result.plan.firmas.count) firmas.")
        print(result.id.uuidString)
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Exporta documentos.", subcommands: [ExportPlan.self, ExportProgram.self, ExportRiskMap.self])
}

struct ExportPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Exporta un plan con sus cifras calculadas.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Identificador del plan") var id: String
    @ArgumentParser.Option(help: "Formato: json, xlsx, pdf o f14 (el formulario F14.1 de SIRECI, en xlsx)") var format = "json"
    @ArgumentParser.Option(help: "Número del seguimiento (por omisión el último)") var round: Int?
    @ArgumentParser.Option(help: "F14.1: fecha de corte del semestre, 30/06/aaaa o 31/12/aaaa") var corte: String?
    @ArgumentParser.Option(name: .short, help: "Archivo de salida (por omisión, la salida estándar; xlsx y pdf usan el nombre del formato)") var output: String?

    func run() async throws {
        guard let uuid = UUID(uuidString: id) else { throw ValidationFailure("«\(id)» no es un identificador de plan.") }
        if format.lowercased() == "f14" {
            let (data, name) = try await withApp(db) { app in try await VigiaTasks.exportPlanF14(id: uuid, corte: corte, on: app.db) }
            return try emit(data, to: output ?? name)
        }
        let f = try reportFormat(format)
        if f == .json {
            let data = try await withApp(db) { app in try await VigiaTasks.exportPlanJSON(id: uuid, round: round, on: app.db) }
            return try emit(data, to: output)
        }
        let (data, name) = try await withApp(db) { app in try await VigiaTasks.exportPlanReport(id: uuid, round: round, format: f, on: app.db) }
        try emit(data, to: output ?? name)
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Valida documentos.", subcommands: [CheckPlan.self])
}

struct CheckPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Lista las inconsistencias de un plan.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Identificador del plan") var id: String

    func run() async throws {
        guard let uuid = UUID(uuidString: id) else { throw ValidationFailure("«\(id)» no es un identificador de plan.") }
        let (plan, checks) = try await withApp(db) { app in try await VigiaTasks.checkPlan(id: uuid, on: app.db) }
        print("Plan \(plan.unidadAuditable.isEmpty ? uuid.uuidString : plan.unidadAuditable): \(checks.count) observaciones")
        for c in checks { print("[\(c.severidad == .error ? "ERROR" : "AVISO")] \(c.mensaje)") }
    }
}
