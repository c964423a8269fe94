import ArgumentParser
import Foundation
import VigiaServer

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Guarda en un archivo la base de datos, las evidencias y las publicaciones (se puede correr con el servidor en marcha).",
        discussion: "El archivo es un ZIP con un manifiesto (filas y huella SHA-256 de cada parte). Restáurelo con `vigia restore`.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Archivo de respaldo a crear, p. ej. respaldo-2026-11-22.zip") var file: String

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let manifest = try await withApp(db) { app in try await BackupService.backup(to: url, app: app) }
        let rows = manifest.tablas.compactMap(\.filas).reduce(0, +)
        print("Respaldo guardado en \(url.path): \(manifest.tablas.count) tablas, \(rows) filas, \(manifest.archivos.count) archivos de evidencia.")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restaura un respaldo de `vigia backup` en una base de datos vacía (SQLite o PostgreSQL).",
        discussion: "Antes de escribir comprueba cada parte con su huella SHA-256; un respaldo dañado se rechaza sin escribir nada.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Archivo de respaldo") var file: String

    func run() async throws {
        let manifest = try await withApp(db) { app in try await BackupService.restore(from: URL(fileURLWithPath: file), app: app) }
        let rows = manifest.tablas.compactMap(\.filas).reduce(0, +)
        print("Respaldo del \(manifest.creado.formatted(.iso8601)) restaurado: \(rows) filas, \(manifest.archivos.count) archivos de evidencia.")
    }
}

struct CopyEvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-evidence",
        abstract: "Copia los archivos de evidencia de un almacén al otro (la carpeta de datos o la base de datos).",
        discussion: """
            Antes de atender con varias instancias sobre una misma PostgreSQL: `vigia copy-evidence --a base` lleva a la \
            base los archivos que una instalación guardaba en VIGIA_DATA_DIR/evidencias. Comprueba la huella SHA-256 de \
            cada archivo y no borra el origen. Luego fije VIGIA_EVIDENCIAS=base (lo es por omisión en PostgreSQL).
            """)
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(name: .customLong("a"), help: "Almacén de destino: base o carpeta.") var target: String

    func run() async throws {
        guard let to = EvidenceStorage(rawValue: target.lowercased()) else {
            throw ValidationError("--a debe ser «base» o «carpeta».")
        }
        let from: EvidenceStorage = to == .database ? .folder : .database
        let outcome = try await withApp(db) { app in try await EvidenceCopy.run(from: from, to: to, app: app) }
        print("Archivos de evidencia copiados a la \(to == .database ? "base de datos" : "carpeta"): \(outcome.copied); ya estaban: \(outcome.present).")
        if !outcome.missing.isEmpty {
            print("Faltan en el origen o están dañados (\(outcome.missing.count)): \(outcome.missing.prefix(20).joined(separator: ", "))")
            throw ExitCode(1)
        }
    }
}
