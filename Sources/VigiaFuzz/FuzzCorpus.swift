import Foundation

/// The files the mutations start from: the project's `Samples/` and, when present, the shared
/// seeds beside the project (`../shared/seeds/`), plus two small built-in files so the fuzzer
/// also runs without them. Files are read in name order, so a seed gives the same inputs.
public struct FuzzCorpus: Sendable {
    public var plans: [[UInt8]] = [Array(FuzzCorpus.builtInPlan.utf8)]
    public var programs: [[UInt8]] = [Array(FuzzCorpus.builtInProgram.utf8)]
    /// Corruption risk maps and their seguimientos (the samples; a tiny built-in one without them).
    public var riskMaps: [[UInt8]] = [Array("Vigencia 2026\nNo.\tPROCESO\tRIESGO\tRIESGO INHERENTE\tACCIONES\tRESPONSABLE\n1\tContratación\tPosibilidad de x\t3 10 30 ALTA\tPublicar\tJurídica\n".utf8)]
    /// Workbooks (Tests/Fixtures/xlsx): an empty ZIP header when there are none.
    public var workbooks: [[UInt8]] = [[0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18)]
    /// The files read, for the summary.
    public var files: [String] = []

    public init() {}

    /// The project's root, found from this source file (the fuzzer runs from a source checkout).
    public static var projectRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    public static func load(root: URL = projectRoot) -> FuzzCorpus {
        var corpus = FuzzCorpus()
        let folders = [root.appendingPathComponent("Samples"),
                       root.deletingLastPathComponent().appendingPathComponent("shared/seeds")]
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() {
                let url = folder.appendingPathComponent(name)
                guard let data = try? Data(contentsOf: url) else { continue }
                let lower = name.lowercased()
                if lower.contains("riesgo") { corpus.riskMaps.append(Array(data)) }
                else if lower.contains("plan") { corpus.plans.append(Array(data)) }
                else if lower.contains("seguimiento") || lower.contains("paac") || lower.contains("ptep") { corpus.programs.append(Array(data)) }
                else { continue }
                corpus.files.append(url.standardizedFileURL.path)
            }
        }
        let books = root.appendingPathComponent("Tests/Fixtures/xlsx")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: books.path)) ?? []).sorted() where name.hasSuffix(".xlsx") {
            guard let data = try? Data(contentsOf: books.appendingPathComponent(name)) else { continue }
            corpus.workbooks.append(Array(data))
            corpus.files.append(books.appendingPathComponent(name).standardizedFileURL.path)
        }
        return corpus
    }

    static let builtInPlan = """
        ENTIDAD DE PRUEBA\tPROCESO EVALUACIÓN INDEPENDIENTE
        PLAN DE MEJORAMIENTO\t\t\t\t\t\t\t\tSEGUIMIENTO (OCI)
        Unidad Auditable:\tTesorería\tFecha suscripción:\t16/02/2026\tNo. Seguimiento:\t1
        No.\tDESCRIPCIÓN DEL HALLAZGO U OBSERVACIÓN\tCAUSA\tACCIONES CORRECTIVAS O PREVENTIVAS\tRESPONSABLE\tTIEMPO PROGRAMADO\t\tMETA\tINDICADOR DE ACCIÓN DE CUMPLIMIENTO\t% DE AVANCE\tEVIDENCIAS\tOBSERVACIONES\tESTADO DE LA ACCIÓN\t% DE HALLAZGO\tESTADO DE HALLAZGO
        \t\t\t\t\tFECHA INICIAL\tFECHA FINAL
        1\tHallazgo uno\tCausa\tConciliar las cuentas\tTesorero\t1/03/2026\t30/06/2026\t2 conciliaciones\tNúmero de conciliaciones\t0,5\tActa\tBien\tEN EJECUCIÓN\t50 %\tABIERTO
        \t\t\tPublicar el informe\tJefe\t45000\t45100\t100% de los informes\tPorcentaje de informes\t100 %\t\t\tCUMPLIDA
        CONTROL DE CAMBIOS
        1\tCreación\t16/02/2026\t1
        Elaborado por:\tRevisado por:\tAprobado por:
        Ana\tLuis\tEva
        Profesional\tJefe\tGerente
        """

    static let builtInProgram = """
        SEGUIMIENTO PLAN ANTICORRUPCIÓN Y DE ATENCIÓN AL CIUDADANO
        SEGUNDO CUATRIMESTRE 2026
        COMPONENTE 1: Gestión del Riesgo de Corrupción
        SUB COMPONENTE\tACTIVIDADES\tMETA O PRODUCTO\tRESPONSABLES\tFECHA PROGRAMADA\t% AVANCE\tSEGUIMIENTO
        Política\tSocializar la política\tDos jornadas\tPlaneación\t31/03/2026\t50%\tHecho <a href="https://x.gov.co/a.pdf">acta</a>
        Consulta\tElaborar un informe que contenga:\tInforme\tPlaneación\tPermanente\t\t
        \tLa primera parte\tParte\tPlaneación\t30/08/2026\tN/A\t
        \tLa segunda parte\tParte\tPlaneación\t30/08/2026\t100 %\t<p>Listo</p>
        COMPONENTE 2: Racionalización de Trámites
        SUB COMPONENTE\tACTIVIDADES\tMETA O PRODUCTO\tRESPONSABLES\tFECHA PROGRAMADA\t% AVANCE\tSEGUIMIENTO
        \tRacionalizar un trámite\tUn trámite\tJurídica\t31/12/2026\t0\t
        ANA PÉREZ
        Jefe Oficina de Control Interno
        Realizó\tLuis Gómez\tProfesional
        """
}
