import Foundation
import VigiaCore
import VigiaFormats

extension FuzzTarget {
    static let riskMap = FuzzTarget(
        name: "risk-map", summary: "RiskMapImporter (a published map or its seguimiento), then the checks, the evaluation and the document",
        generate: { r, corpus in TextMutator(corpus: corpus.riskMaps).mutate(r.pick(corpus.riskMaps), &r) },
        run: { bytes in
            do throws(ImportError) {
                let result = try RiskMapImporter.importMap(text: text(bytes))
                let period = result.periodo ?? 1
                blackHole(RiskMapReport(result.map, period: period))
                blackHole(result.map.risksPerZone)
                blackHole(result.map.overdueActions(today: LocalDate(year: 2026, month: 12, day: 1)!))
                blackHole(RiskMapDocument.build(result.map, period: period, formato: FormatHeader()))
                return .accepted
            } catch {
                blackHole(error.description)
                return .rejected
            }
        })

    /// An entity's methodology as the editor's outline (fields split by a line «§») or as JSON,
    /// then used: every cell's zone and label, a residual with controls, the questionnaire, a document.
    static let riskMethodology = FuzzTarget(
        name: "risk-methodology", summary: "RiskMethodologyOutline and the methodology JSON, then a map rated with what they give",
        generate: { r, _ in
            let seeds = RiskMethodology.builtIn.flatMap { m -> [[UInt8]] in
                let o = RiskMethodologyOutline(m)
                let outline = [o.nombre, o.fuente, o.probabilidades, o.impactos, o.impactoMinimo, o.zonas, o.matriz, o.umbrales, o.zonaConAcciones]
                    .joined(separator: "\n§\n")
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]   // the same bytes every run: an input depends only on (seed, iteration)
                let json = (try? encoder.encode(m)).map { Array($0) } ?? []
                return [Array(outline.utf8), json]
            }
            return TextMutator(corpus: seeds, maxSize: 16 * 1024).mutate(r.pick(seeds), &r)
        },
        run: { bytes in
            let m: RiskMethodology
            if bytes.first == UInt8(ascii: "{") {
                guard let decoded = try? JSONDecoder().decode(RiskMethodology.self, from: Data(bytes)), decoded.problems().isEmpty else { return .rejected }
                m = decoded
            } else {
                var f = text(bytes).components(separatedBy: "\n§\n")
                f += Array(repeating: "", count: max(0, 9 - f.count))
                let o = RiskMethodologyOutline(nombre: f[0], fuente: f[1], probabilidades: f[2], impactos: f[3], impactoMinimo: f[4], zonas: f[5],
                                               matriz: f[6], umbrales: f[7], zonaConAcciones: f[8])
                do throws(RiskMapEditError) { m = try o.methodology(base: .funcionPublicaV6, version: 2) } catch { blackHole(error.problems); return .rejected }
            }
            use(m)
            return .accepted
        })

    static func use(_ m: RiskMethodology) {
        var map = RiskMap(entidad: "E", vigencia: 2026, metodologia: m)
        for p in m.probabilidades.indices {
            for i in m.impactos.indices {
                let rating = RiskRating(probabilidad: p, impacto: i)
                blackHole(m.label(rating))
                let controls = [Control(descripcion: "c", tipo: .preventivo, implementacion: .manual, puntaje: 80),
                                Control(descripcion: "d", tipo: .correctivo, implementacion: .automatica, puntaje: 60)]
                blackHole(m.residual(rating, controls: controls))
            }
        }
        for yes in [0, 1, 6, 12, 19, 40] { blackHole(m.impacto(respuestasSi: yes)) }
        _ = try? map.saveRisk(RiskInput(proceso: "P", riesgo: "Posibilidad de x", probabilidad: m.probabilidades.count - 1, respuestas: [1, 2, 3]))
        blackHole(RiskMapReport(map, period: 1))
        blackHole(RiskMapDocument.build(map, period: 1, formato: FormatHeader()))
    }
}
