import ArgumentParser
import Fluent
import Foundation
import Logging
import Vapor
import VigiaCore
import VigiaFormats
import VigiaServer

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Carga los datos de demostración.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Flag(name: .customLong("if-empty"), help: "Solo si la base está vacía.") var ifEmpty = false
    @ArgumentParser.Option(help: "Plan de muestra") var sample = "Samples/plan-mejoramiento-demo.tsv"
    @ArgumentParser.Option(help: "Dónde guardar las credenciales generadas") var credentials = "data/credenciales-demo.txt"
    @ArgumentParser.Option(help: "Conjunto nacional de medición: N entidades con planes, seguimientos y auditoría (1100 = escala nacional)")
    var escala: Int?
    @ArgumentParser.Option(help: "Con --escala: acciones por entidad") var accionesPorEntidad = 910
    @ArgumentParser.Option(help: "Con --escala: eventos de auditoría por entidad") var auditoriaPorEntidad = 273
    @ArgumentParser.Option(help: "Con --escala: una acción de cada N lleva un autoreporte con un archivo de evidencia (0: ninguna)")
    var evidenciaCada = 4

    func run() async throws {
        if let escala { return try await scale(escala) }
        let loaded: [Demo.Credential]? = try await withApp(db) { app in
            guard try await Demo.isEmpty(app.db) else { return nil }
            // All or nothing: a demo cut short would leave the database "not empty" and never loaded again.
            let now = app.now, sample = URL(fileURLWithPath: sample)
            return try await app.db.transaction { db in try await Demo.load(samplePlan: sample, at: now, on: db) }
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

extension DemoCommand {
    /// `--escala N`: the national data set, added to whatever the database holds.
    func scale(_ entities: Int) async throws {
        let sampleText = try String(contentsOfFile: sample, encoding: .utf8)
        let plan = try ImportSource.text(sampleText).plan().plan
        // The demo's program, both cuatrimestres followed up, from the files beside the sample plan.
        let folder = URL(fileURLWithPath: sample).deletingLastPathComponent()
        let programs = try ["seguimiento-paac-demo-2026-c1.txt", "seguimiento-paac-demo-2026-c2.txt"].map {
            try ImportSource.text(try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)).program().program
        }
        let started = Date()
        let totals = try await withApp(db) { app in
            let options = ScaleDemo.Options(entities: entities, actionsPerEntity: accionesPorEntidad, auditPerEntity: auditoriaPorEntidad,
                                            evidenceEvery: evidenciaCada)
            let totals = try await ScaleDemo.load(options, sample: plan, program: ScaleDemo.program(from: programs),
                                                  at: app.now, on: app.db) { n, t in
                if n % 50 == 0 || n == entities {
                    print("\(n) entidades · \(t.plans) planes · \(t.actions) acciones · \(t.grades) calificaciones · \(t.evidence) evidencias · \(t.auditEvents) eventos")
                }
            }
            if totals.evidence > 0 { try await ScaleDemo.storeEvidence(app: app) }
            return totals
        }
        print("""
            Conjunto de escala cargado en \(Int(Date().timeIntervalSince(started))) s: \(totals.entities) entidades, \(totals.plans) planes, \
            \(totals.actions) acciones, \(totals.grades) calificaciones, \(totals.evidence) autoreportes con evidencia, \
            \(totals.programs) programas anticorrupción, \(totals.auditEvents) eventos de auditoría.
            Usuarios: oci@e00001.escala.gov.co, admin@e00001.escala.gov.co, dep1@e00001.escala.gov.co … (uno por entidad y rol)
            Contraseña de todos: \(totals.password)
            """)
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
