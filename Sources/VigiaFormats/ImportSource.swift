import Foundation
import VigiaCore

/// What an import reads: text (pasted, or a text file in any encoding `TextDecoding` knows) or a
/// sheet of an .xlsx workbook. The web upload, the paste box and the CLI all come through here.
public enum ImportSource: Sendable {
    case text(String)
    case workbook(Data, sheet: String?)

    /// A file's bytes: a workbook when they are a ZIP archive, else text; nil when they are neither.
    public init?(file data: Data, sheet: String? = nil) {
        if XLSXWorkbook.looksLikeWorkbook(data) { self = .workbook(data, sheet: sheet); return }
        guard let text = TextDecoding.decode(data) else { return nil }
        self = .text(text)
    }

    public func plan() throws(ImportError) -> PlanImport {
        switch self {
        case .text(let t): try PlanImporter.importPlan(text: t.replacingOccurrences(of: "\u{0}", with: ""))
        case .workbook(let d, let sheet): try PlanImporter.importPlan(workbook: d, sheet: sheet)
        }
    }

    public func program() throws(ImportError) -> ProgramImport {
        switch self {
        case .text(let t): try ProgramImporter.importProgram(text: t.replacingOccurrences(of: "\u{0}", with: ""))
        case .workbook(let d, let sheet): try ProgramImporter.importProgram(workbook: d, sheet: sheet)
        }
    }

    /// A published mapa de riesgos de corrupción, or its seguimiento, read in `methodology` (recognised when nil).
    public func riskMap(methodology: RiskMethodology? = nil) throws(ImportError) -> RiskMapImport {
        switch self {
        case .text(let t): try RiskMapImporter.importMap(text: t.replacingOccurrences(of: "\u{0}", with: ""), methodology: methodology)
        case .workbook(let d, let sheet): try RiskMapImporter.importMap(workbook: d, sheet: sheet, methodology: methodology)
        }
    }
}
