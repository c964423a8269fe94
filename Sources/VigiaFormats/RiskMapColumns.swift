import VigiaCore

/// Where each field of a published risk map is, found by the words of its header (and of the group
/// header above it, when the table has two title rows).
struct RiskMapColumns {
    enum Field: Hashable {
        case numero, proceso, objetivo, causas, causasInternas, causasExternas, riesgo, consecuencias
        case inherente, inherenteProbabilidad, inherenteImpacto, inherenteZona
        case control, controlTipo, controlImplementacion, controlEvidencia, controlResponsable
        case residual, residualProbabilidad, residualImpacto, residualZona
        case opcion, accion, responsable, fechaInicio, fechaFin, indicador, registro
        case avance, observaciones, materializado
    }

    private(set) var index: [Field: Int] = [:]
    private(set) var names: [Int: String] = [:]

    subscript(_ f: Field) -> Int? { index[f] }

    var followUp: Int? { index[.avance] }
    var ratingColumns: [Int] {
        [.inherente, .inherenteProbabilidad, .inherenteImpacto, .residual, .residualProbabilidad, .residualImpacto].compactMap { index[$0] }
    }

    /// A title row: it names the risk and its controls.
    static func isHeader(_ row: TabularText.Row) -> Bool {
        let cells = row.nonEmpty.map { $0.text.folded }
        return cells.count >= 3 && cells.contains { $0 == "RIESGO" || $0.hasPrefix("RIESGO DE CORRUPCION") || $0.hasPrefix("DESCRIPCION DEL RIESGO") || $0 == "RIESGOS" }
            && cells.contains { $0.hasPrefix("CONTROL") }
    }

    /// The second title row under a group row: «PROBABILIDAD | IMPACTO | ZONA …», no risk in it.
    static func isSubHeader(_ row: TabularText.Row) -> Bool {
        let cells = row.nonEmpty.map { $0.text.folded }
        return cells.filter { $0.hasPrefix("PROBABILIDAD") || $0.hasPrefix("IMPACTO") || $0.hasPrefix("ZONA") }.count >= 2
    }

    init(header: TabularText.Row, sub: TabularText.Row?) throws(ImportError) {
        var group = ""
        let width = max(header.cells.count, sub?.cells.count ?? 0)
        var controlsSeen = false, actionsSeen = false
        for i in 0..<width {
            let top = header[i].folded
            if !top.isEmpty { group = top }
            let below = sub?[i].folded ?? ""
            // Under a group row, a blank top cell belongs to the group of the cells to its left.
            let text = below.isEmpty ? top : (top.isEmpty ? group : top) + " " + below
            guard !text.isEmpty, let field = Self.field(text, controlsSeen: controlsSeen, actionsSeen: actionsSeen) else { continue }
            if field == .control { controlsSeen = true }
            if field == .accion { actionsSeen = true }
            if index[field] == nil { index[field] = i; names[i] = (sub?[i].isEmpty == false ? sub?[i] : header[i]) ?? text }
        }
        guard index[.riesgo] != nil else { throw ImportError(line: header.number, message: "falta la columna «RIESGO».") }
        if index[.residual] == nil, (index[.residualProbabilidad] == nil) != (index[.residualImpacto] == nil) {
            throw ImportError(line: header.number, message: "el riesgo residual necesita sus dos columnas, «PROBABILIDAD» e «IMPACTO», o una sola «RIESGO RESIDUAL».")
        }
        guard index[.inherente] != nil || (index[.inherenteProbabilidad] != nil && index[.inherenteImpacto] != nil) else {
            throw ImportError(line: header.number, message:
                "faltan las columnas del riesgo inherente: una «RIESGO INHERENTE» (por ejemplo «3 10 30 ALTA») o «PROBABILIDAD» e «IMPACTO» antes de los controles.")
        }
    }

    /// The field a header names; the position (before or after the controls, the actions) tells
    /// inherent from residual and the control's responsable from the action's.
    static func field(_ h: String, controlsSeen: Bool, actionsSeen: Bool) -> Field? {
        let residual = h.contains("RESIDUAL") || (!h.contains("INHERENTE") && controlsSeen)
        if h.hasPrefix("PROBABILIDAD") || h.hasSuffix(" PROBABILIDAD") || h.contains(" PROBABILIDAD ") { return residual ? .residualProbabilidad : .inherenteProbabilidad }
        if h.hasPrefix("IMPACTO") || h.hasSuffix(" IMPACTO") || h.contains(" IMPACTO ") { return residual ? .residualImpacto : .inherenteImpacto }
        if h.contains("ZONA") || h.contains("NIVEL DE RIESGO") || h.contains("SEVERIDAD") { return residual ? .residualZona : .inherenteZona }
        if h.contains("INHERENTE") { return .inherente }
        if h.contains("RESIDUAL") { return .residual }
        if h.contains("MATERIALIZ") { return .materializado }
        if h.contains("AVANCE") { return .avance }
        if h.hasPrefix("OBSERVACION") || h.hasPrefix("SEGUIMIENTO") { return .observaciones }
        if ["NO", "NO.", "N°", "Nº", "#", "NUMERO", "ITEM", "ID", "REF"].contains(h) { return .numero }
        if h.hasPrefix("PROCESO") { return .proceso }
        if h.hasPrefix("OBJETIVO") { return .objetivo }
        if h.hasPrefix("CAUSA") { return h.contains("INTERNA") ? .causasInternas : (h.contains("EXTERNA") ? .causasExternas : .causas) }
        if h.hasPrefix("CONSECUENCIA") || h.hasPrefix("EFECTO") { return .consecuencias }
        if h.contains("TIPO") && (h.contains("CONTROL") || controlsSeen) && !actionsSeen { return .controlTipo }
        if h.contains("IMPLEMENTACION") { return .controlImplementacion }
        if h.hasPrefix("CONTROL") { return .control }
        if h.contains("OPCION") || h.contains("MANEJO") || h.contains("TRATAMIENTO") { return .opcion }
        if h.hasPrefix("ACCION") || h.hasPrefix("ACTIVIDAD") { return .accion }
        if h.hasPrefix("RESPONSABLE") { return actionsSeen ? .responsable : (controlsSeen ? .controlResponsable : nil) }
        if h.contains("INICIO") { return .fechaInicio }
        if h.contains("FECHA") || h.contains("CRONOGRAMA") || h.contains("TERMINACION") { return .fechaFin }
        if h.hasPrefix("INDICADOR") { return .indicador }
        if h.contains("EVIDENCIA") || h.contains("REGISTRO") { return actionsSeen ? .registro : .controlEvidencia }
        if h == "RIESGO" || h == "RIESGOS" || h.hasPrefix("RIESGO DE CORRUPCION") || h.hasPrefix("DESCRIPCION DEL RIESGO") { return .riesgo }
        return nil
    }

    /// The header of a column as the file writes it, for error messages.
    func name(_ f: Field) -> String? { index[f].flatMap { names[$0] } }
}
