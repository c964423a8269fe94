import ArgumentParser
import Foundation
import VigiaServer

struct ImportRiskMap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk-map",
        abstract: "Importa un mapa de riesgos de corrupción publicado, o el seguimiento de la OCI a uno de sus cuatrimestres.",
        discussion: """
            Acepta el estilo numérico de la Guía 2015 («3 10 30 ALTA»), el de palabras («POSIBLE – MAYOR – ALTA») y los \
            porcentajes de Función Pública («60 % 80 % ALTO»), en una celda o en columnas PROBABILIDAD / IMPACTO / ZONA. \
            Un archivo con «% AVANCE» y el cuatrimestre en su título se agrega al mapa ya importado de esa vigencia. \
            La última línea de la salida es el identificador del mapa.
            """)
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Archivo de texto (TSV, pegado de Excel) o libro .xlsx") var file: String
    @ArgumentParser.Option(name: .customLong("hoja"), help: "Hoja del libro .xlsx (por omisión la primera).") var sheet: String?
    @ArgumentParser.Option(name: .customLong("entidad"), help: "NIT de la entidad (si hay varias).") var entity: String?
    @ArgumentParser.Option(name: .customLong("metodologia"), help: "guia2015, v5 o v6 (por omisión se reconoce por las calificaciones).")
    var methodology: String?

    func run() async throws {
        let source = try readImport(file, sheet: sheet)
        let r = try await withApp(db) { app in
            try await VigiaTasks.importRiskMap(source, methodology: methodology, entityNIT: entity, at: app.now, on: app.db)
        }
        print("Mapa de riesgos de corrupción \(r.map.vigencia) importado: \(r.map.riesgos.count) riesgos, metodología «\(r.map.metodologia.nombre)»"
              + (r.period.map { ", seguimiento del periodo \($0)." } ?? "."))
        print(r.id.uuidString)
    }
}

struct ExportRiskMap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "risk-map", abstract: "Exporta un mapa de riesgos con sus zonas y su avance en un periodo.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Identificador del mapa") var id: String
    @ArgumentParser.Option(help: "Número del periodo (cuatrimestre)") var period: Int
    @ArgumentParser.Option(help: "Formato: json, xlsx o pdf") var format = "json"
    @ArgumentParser.Option(name: .customLong("metodo"), help: "promedio_riesgos (por omisión) o promedio_acciones") var method: String?
    @ArgumentParser.Option(name: .short, help: "Archivo de salida") var output: String?

    func run() async throws {
        let f = try reportFormat(format)
        guard let uuid = UUID(uuidString: id) else { throw ValidationFailure("«\(id)» no es un identificador de mapa de riesgos.") }
        if f != .json {
            let (data, name) = try await withApp(db) { app in try await VigiaTasks.exportRiskMapReport(id: uuid, period: period, format: f, method: method, on: app.db) }
            return try emit(data, to: output ?? name)
        }
        let data = try await withApp(db) { app in try await VigiaTasks.exportRiskMapJSON(id: uuid, period: period, method: method, on: app.db) }
        try emit(data, to: output)
    }
}
