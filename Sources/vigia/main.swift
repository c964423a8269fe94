import ArgumentParser
import Fluent
import Foundation
import Logging
import Vapor
import VigiaCore
import VigiaServer

/// `--database URL`, shared by every command.
struct DatabaseOption: ParsableArguments {
    @ArgumentParser.Option(name: .long, help: "sqlite:RUTA (por omisión ./data/vigia.sqlite) o postgres://usuario:clave@servidor:puerto/base. También DATABASE_URL.")
    var database: String?

    /// An application wired to the database, migrated, ready for a task.
    func app(arguments: [String] = ["vigia"], logLevel: Logger.Level = .error) async throws -> Application {
        let url = try DatabaseURL.resolve(database)
        var env = Environment(name: ProcessInfo.processInfo.environment["VIGIA_ENV"] ?? "production", arguments: arguments)
        LoggingSystem.bootstrapOnce(level: logLevel)
        env.commandInput.arguments = Array(arguments.dropFirst())
        let app = try await Application.make(env)
        do {
            try configure(app, database: url)
            try await app.autoMigrate()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }
}

extension LoggingSystem {
    nonisolated(unsafe) private static var done = false
    static func bootstrapOnce(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
    }
}

/// A text file as Excel or a PDF extraction saves it: UTF-8, else Windows-1252.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationFailure("No se puede leer el archivo «\(path)».")
    }
    guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
        throw ValidationFailure("El archivo «\(path)» no es texto UTF-8 ni Windows-1252.")
    }
    return text
}

func reportFormat(_ text: String) throws -> ReportFormat {
    guard let f = ReportFormat(rawValue: text.lowercased()) else {
        throw ValidationFailure("Formato «\(text)» no disponible; use json, xlsx o pdf.")
    }
    return f
}

/// Writes a document to `-o FILE`, or to standard output.
func emit(_ data: Data, to output: String?) throws {
    if let output {
        try data.write(to: URL(fileURLWithPath: output))
        print("Escrito \(output)")
    } else {
        FileHandle.standardOutput.write(data)
        print()
    }
}

/// Runs `body` with an app and always shuts it down.
func withApp<T>(_ db: DatabaseOption, _ body: (Application) async throws -> T) async throws -> T {
    let app = try await db.app()
    do {
        let value = try await body(app)
        try await app.asyncShutdown()
        return value
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

@main
struct Vigia: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigia",
        abstract: "Vigía: planes de mejoramiento y seguimientos de la Oficina de Control Interno.",
        subcommands: [Serve.self, Migrate.self, ImportCommand.self, ExportCommand.self, CheckCommand.self,
                      CreateUser.self, CreateToken.self, ListTokens.self, RevokeToken.self, SetPassword.self, DemoCommand.self, NotifyCommand.self])
}

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
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Importa documentos.", subcommands: [ImportPlan.self, ImportProgram.self])
}

struct ImportPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Importa un plan de mejoramiento en el formato B-I-007 (texto separado por tabulaciones, copiado de Excel).",
        discussion: "La última línea de la salida es el identificador del plan creado.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Archivo .txt/.tsv") var file: String
    @ArgumentParser.Option(name: .customLong("entidad"), help: "NIT de la entidad (si hay varias).") var entity: String?
    @ArgumentParser.Option(name: .customLong("unidad"), help: "Unidad auditable, si el archivo no la trae.") var unidad: String?
    @ArgumentParser.Option(name: .customLong("dependencia"), help: "Dependencia auditada (se crea si no existe).") var dependency: String?

    func run() async throws {
        let text = try readText(file)
        let result = try await withApp(db) { app in
            try await VigiaTasks.importPlan(text: text, entityNIT: entity, unidad: unidad, dependency: dependency, at: app.now, on: app.db)
        }
        for note in result.notes { print("Nota: \(note)") }
        print("Plan importado: \(result.plan.hallazgos.count) hallazgos, \(result.plan.actionCount) acciones, \(result.plan.firmas.count) firmas.")
        print(result.id.uuidString)
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Exporta documentos.", subcommands: [ExportPlan.self, ExportProgram.self])
}

struct ExportPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Exporta un plan con sus cifras calculadas.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Identificador del plan") var id: String
    @ArgumentParser.Option(help: "Formato: json, xlsx o pdf") var format = "json"
    @ArgumentParser.Option(help: "Número del seguimiento (por omisión el último)") var round: Int?
    @ArgumentParser.Option(name: .short, help: "Archivo de salida (por omisión, la salida estándar; xlsx y pdf usan el nombre del formato)") var output: String?

    func run() async throws {
        let f = try reportFormat(format)
        guard let uuid = UUID(uuidString: id) else { throw ValidationFailure("«\(id)» no es un identificador de plan.") }
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

struct CreateUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Crea un usuario.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(help: "Correo (usuario de ingreso)") var email: String
    @ArgumentParser.Option(name: .customLong("nombre"), help: "Nombre completo") var name: String
    @ArgumentParser.Option(name: .customLong("rol"), help: "administrador, oci, responsable o consulta") var role: String
    @ArgumentParser.Option(help: "Cargo") var cargo = ""
    @ArgumentParser.Option(name: .customLong("dependencia"), help: "Dependencia (obligatoria para responsable)") var dependency: String?
    @ArgumentParser.Option(name: .customLong("entidad"), help: "NIT de la entidad (si hay varias)") var entity: String?
    @ArgumentParser.Option(name: .customLong("clave"), help: "Contraseña; si se omite se genera una") var password: String?

    func run() async throws {
        guard let r = Role(rawValue: role) else {
            throw ValidationFailure("Rol «\(role)» no reconocido; use administrador, oci, responsable o consulta.")
        }
        let pass = try await withApp(db) { app in
            try await VigiaTasks.createUser(email: email, name: name, role: r, cargo: cargo, password: password,
                                            dependency: dependency, entityNIT: entity, at: app.now, on: app.db)
        }
        print("Usuario \(email) creado (\(r.label)).")
        if password == nil { print("Contraseña generada: \(pass)") }
    }
}

struct CreateToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-token", abstract: "Crea un token de acceso para la API (/api/v1).")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(help: "Correo del usuario") var email: String
    @ArgumentParser.Option(name: .customLong("etiqueta"), help: "Para qué es") var label = "API"
    @ArgumentParser.Option(name: .customLong("vence-en-dias"), help: "Días hasta que venza (sin esta opción no vence)") var days: Int?

    func run() async throws {
        let token = try await withApp(db) { app in try await VigiaTasks.createToken(email: email, label: label, expiresInDays: days, at: app.now, on: app.db) }
        print("Token (guárdelo: no se vuelve a mostrar):")
        print(token)
    }
}

struct ListTokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list-tokens", abstract: "Lista los tokens de acceso a la API de un usuario.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(help: "Correo del usuario") var email: String

    func run() async throws {
        let tokens = try await withApp(db) { app in try await VigiaTasks.listTokens(email: email, on: app.db) }
        if tokens.isEmpty { print("\(email) no tiene tokens.") }
        for t in tokens {
            print("\(t.id)  «\(t.label)»  creado \(t.created.map { "\($0)" } ?? "—")  último uso \(t.lastUsed.map { "\($0)" } ?? "nunca")  vence \(t.expires.map { "\($0)" } ?? "nunca")")
        }
    }
}

struct RevokeToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke-token", abstract: "Revoca un token de acceso a la API.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Identificador del token (vigia list-tokens)") var id: String

    func run() async throws {
        guard let uuid = UUID(uuidString: id) else { throw ValidationFailure("«\(id)» no es un identificador de token.") }
        try await withApp(db) { app in try await VigiaTasks.revokeToken(id: uuid, at: app.now, on: app.db) }
        print("Token \(id) revocado.")
    }
}

struct SetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-password", abstract: "Cambia la contraseña de un usuario y cierra todas sus sesiones.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(help: "Correo del usuario") var email: String
    @ArgumentParser.Option(name: .customLong("clave"), help: "Nueva contraseña (12 caracteres o más); sin esta opción se lee de la entrada estándar, para que no quede en el historial ni en ps") var password: String?

    func run() async throws {
        let password: String
        if let given = self.password { password = given } else {
            FileHandle.standardError.write(Data("Nueva contraseña: ".utf8))
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationFailure("No se recibió una contraseña.") }
            password = line
        }
        try await withApp(db) { app in try await VigiaTasks.setPassword(email: email, password: password, at: app.now, on: app.db) }
        print("Contraseña de \(email) cambiada; sus sesiones se cerraron.")
    }
}

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
    @ArgumentParser.Argument(help: "Archivo de texto") var file: String
    @ArgumentParser.Option(name: .customLong("entidad"), help: "NIT de la entidad (si hay varias).") var entity: String?

    func run() async throws {
        let text = try readText(file)
        let result = try await withApp(db) { app in try await VigiaTasks.importProgram(text: text, entityNIT: entity, at: app.now, on: app.db) }
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
