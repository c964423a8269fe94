import ArgumentParser
import Fluent
import PostgresNIO
import Foundation
import Logging
import Vapor
import VigiaCore
import VigiaFormats
import VigiaServer

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
            try await url.migrate(app)
        } catch let error as PSQLError {
            try? await app.asyncShutdown()
            // PSQLError's description hides everything; the details name the cause (refused, password, …).
            throw ValidationFailure("No fue posible preparar la base de datos \(url): \(String(String(reflecting: error).prefix(600)))")
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

/// A file to import: an .xlsx workbook (its first sheet or `sheet`) or a text file in any
/// encoding `TextDecoding` knows.
func readImport(_ path: String, sheet: String?) throws -> ImportSource {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationFailure("No se puede leer el archivo «\(path)».")
    }
    guard let source = ImportSource(file: data, sheet: sheet) else {
        throw ValidationFailure("El archivo «\(path)» no es un libro .xlsx ni texto (UTF-8, UTF-16 o Windows-1252).")
    }
    return source
}

/// A text file as Excel or a PDF extraction saves it (see `TextDecoding`).
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationFailure("No se puede leer el archivo «\(path)».")
    }
    guard let text = TextDecoding.decode(data) else {
        throw ValidationFailure("El archivo «\(path)» no es texto (UTF-8, UTF-16 o Windows-1252).")
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
