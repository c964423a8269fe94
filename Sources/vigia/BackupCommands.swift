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
