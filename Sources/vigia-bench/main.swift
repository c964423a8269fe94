import Foundation
import VigiaCore
import VigiaFormats

// vigia-bench CASE [OUTPUT] — one case per process, so the peak memory is the case's own.
//   seed-xlsx | seed-pdf | big-xlsx | big-pdf   render (best of 5) and write OUTPUT
//   seed-json | big-json                          write the ReportDocument as JSON (for the baselines)
//   big-plan                                      write the 500×4 plan as the API takes it (POST /api/v1/plans)

func seedPlan() throws -> PlanSnapshot {
    let path = ProcessInfo.processInfo.environment["VIGIA_SEED_PLAN"] ?? "../shared/seeds/plan-mejoramiento-pasto-oai.txt"
    let fallback = "Samples/plan-mejoramiento-demo.tsv"
    let file = FileManager.default.fileExists(atPath: path) ? path : fallback
    return try PlanImporter.importPlan(text: String(contentsOfFile: file, encoding: .utf8)).plan
}

/// 500 findings × 4 actions with texts of realistic length and a graded round.
func bigPlan() -> PlanSnapshot {
    var plan = PlanSnapshot(formato: FormatHeader(entidad: "ALCALDÍA DE PRUEBA", proceso: "EVALUACIÓN INDEPENDIENTE",
                                                  nombreFormato: "FORMULACIÓN Y SEGUIMIENTO A PLANES DE MEJORAMIENTO",
                                                  codigo: "B-I-007", version: "11", fecha: "01-nov-2024", consecutivo: "1 de 1"),
                            unidadAuditable: "Secretaría de Prueba", fechaSuscripcion: LocalDate(year: 2025, month: 1, day: 2))
    var round = RoundSnapshot(numero: 1, fechaCorte: LocalDate(year: 2025, month: 6, day: 30))
    // Sentences of the length real findings have (the seed's run 500–1.000 characters).
    let sentences = [
        "La dependencia no aplicó el procedimiento de gestión documental vigente.",
        "No se conservaron los soportes de la ejecución contractual que exige la norma.",
        "Se evidenció que los informes de supervisión no se publicaron en el SECOP.",
        "El inventario documental no está actualizado conforme a la Tabla de Retención Documental.",
        "La causa es la falta de personal de planta asignado a la función.",
        "Como efecto, se dificulta la trazabilidad y aumenta el riesgo de pérdida de información.",
        "Se incumple lo dispuesto en la Ley 594 de 2000 y en el Acuerdo 001 de 2024.",
    ]
    func text(_ n: Int, _ words: Int) -> String {
        var out = ""
        var i = n
        while out.split(separator: " ").count < words { out += (out.isEmpty ? "" : " ") + sentences[i % sentences.count]; i += 3 }
        return out
    }
    for f in 0..<500 {
        var finding = FindingSnapshot(numero: f + 1, descripcion: "Hallazgo \(f + 1): " + text(f, 90), causa: text(f + 3, 40))
        for a in 0..<4 {
            finding.acciones.append(ActionSnapshot(descripcion: "Acción \(f + 1).\(a + 1): " + text(f + a, 30), responsable: "Jefe de oficina",
                                                   fechaInicial: LocalDate(year: 2025, month: 1, day: 15), fechaFinal: LocalDate(year: 2025, month: 12, day: 15),
                                                   meta: "\(a + 1) informes elaborados", metaCantidad: Double(a + 1), indicador: "Número de informes elaborados"))
            round.calificaciones.append(GradeSnapshot(accion: ActionRef(hallazgo: f, accion: a), porcentaje: Double((f * 13 + a * 29) % 101),
                                                           evidencias: "Acta \(f)-\(a)", observaciones: text(f + a, 12)))
        }
        plan.hallazgos.append(finding)
    }
    plan.seguimientos = [round]
    return plan
}

func peakMemoryKB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("uso: vigia-bench seed-xlsx|seed-pdf|big-xlsx|big-pdf|seed-json|big-json|big-plan [SALIDA]\n".utf8))
    exit(2)
}
let name = args[1]
let output = args.count > 2 ? args[2] : "/dev/null"
let plan = name.hasPrefix("seed") ? try seedPlan() : bigPlan()
if name == "big-plan" {
    try JSONEncoder().encode(plan).write(to: URL(fileURLWithPath: output))
    exit(0)
}
let doc = PlanReport.build(plan, round: 1)
if name.hasSuffix("json") {
    try PlanDocument.encoder.encode(doc).write(to: URL(fileURLWithPath: output))
    exit(0)
}
var best = Double.infinity
var data = Data()
for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    data = name.hasSuffix("xlsx") ? try XLSXRenderer.render(doc) : try PDFRenderer.render(doc)
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
}
try data.write(to: URL(fileURLWithPath: output))
print("\(name) tiempo_ms=\(String(format: "%.1f", best)) memoria_pico_kb=\(peakMemoryKB()) bytes=\(data.count)")
