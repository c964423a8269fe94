import Foundation

/// A change to a map refused, with one Spanish sentence per field (the form's field name, also the
/// API's JSON key), like `FormulationRules.Problems`.
public struct RiskMapEditError: Error, Equatable, Sendable {
    public var problems: [String: String]
    public init(_ problems: [String: String]) { self.problems = problems }
    public init(field: String, _ message: String) { problems = [field: message] }
}

/// A risk as the form and the API send it: the texts, the probabilidad level, the questionnaire's
/// «sí» answers (question numbers from 1) or, without them, the impacto level given directly.
public struct RiskInput: Sendable, Equatable, Codable {
    public var proceso: String
    public var objetivo: String
    public var causasInternas: String
    public var causasExternas: String
    public var riesgo: String
    public var consecuencias: String
    public var probabilidad: Int?
    public var respuestas: [Int]
    public var impacto: Int?
    public var opcionDeManejo: String

    public init(proceso: String = "", objetivo: String = "", causasInternas: String = "", causasExternas: String = "", riesgo: String,
                consecuencias: String = "", probabilidad: Int?, respuestas: [Int] = [], impacto: Int? = nil, opcionDeManejo: String = "") {
        self.proceso = proceso; self.objetivo = objetivo; self.causasInternas = causasInternas; self.causasExternas = causasExternas
        self.riesgo = riesgo; self.consecuencias = consecuencias; self.probabilidad = probabilidad; self.respuestas = respuestas
        self.impacto = impacto; self.opcionDeManejo = opcionDeManejo
    }

    private enum Keys: String, CodingKey {
        case proceso, objetivo, causasInternas, causasExternas, riesgo, consecuencias, probabilidad, respuestas, impacto, opcionDeManejo
    }

    /// Missing fields are blank, as the rules then say which one is needed (the API sends only what it has).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        func text(_ k: Keys) throws -> String { try c.decodeIfPresent(String.self, forKey: k) ?? "" }
        self.init(proceso: try text(.proceso), objetivo: try text(.objetivo), causasInternas: try text(.causasInternas),
                  causasExternas: try text(.causasExternas), riesgo: try text(.riesgo), consecuencias: try text(.consecuencias),
                  probabilidad: try c.decodeIfPresent(Int.self, forKey: .probabilidad), respuestas: try c.decodeIfPresent([Int].self, forKey: .respuestas) ?? [],
                  impacto: try c.decodeIfPresent(Int.self, forKey: .impacto), opcionDeManejo: try text(.opcionDeManejo))
    }

    /// The form of a stored risk.
    public init(_ r: Risk) {
        self.init(proceso: r.proceso, objetivo: r.objetivo, causasInternas: r.causasInternas, causasExternas: r.causasExternas,
                  riesgo: r.riesgo, consecuencias: r.consecuencias, probabilidad: r.inherente.probabilidad,
                  respuestas: r.respuestas ?? [], impacto: r.inherente.impacto, opcionDeManejo: r.opcionDeManejo?.rawValue ?? "")
    }
}

/// A control as the form and the API send it.
public struct ControlInput: Sendable, Equatable, Codable {
    public var descripcion: String
    public var responsable: String
    public var tipo: String
    public var implementacion: String
    public var documentacion: String
    public var frecuencia: String
    public var evidencia: String
    /// Guía 2015: the control's score, 0–100, as typed.
    public var puntaje: String

    public init(descripcion: String, responsable: String = "", tipo: String, implementacion: String, documentacion: String = "",
                frecuencia: String = "", evidencia: String = "", puntaje: String = "") {
        self.descripcion = descripcion; self.responsable = responsable; self.tipo = tipo; self.implementacion = implementacion
        self.documentacion = documentacion; self.frecuencia = frecuencia; self.evidencia = evidencia; self.puntaje = puntaje
    }

    public init(_ c: Control) {
        self.init(descripcion: c.descripcion, responsable: c.responsable, tipo: c.tipo.rawValue, implementacion: c.implementacion.rawValue,
                  documentacion: c.documentacion, frecuencia: c.frecuencia, evidencia: c.evidencia,
                  puntaje: c.puntaje.map { SpanishFormat.number($0) } ?? "")
    }
}

/// One grade of the OCI's seguimiento of a period, as typed: the action (risk number, position
/// from 1), its % (blank: not graded) and observaciones.
public struct RiskGradeInput: Sendable, Equatable, Codable {
    public var riesgo: Int
    public var accion: Int
    public var porcentaje: String
    public var observaciones: String
    public init(riesgo: Int, accion: Int, porcentaje: String, observaciones: String = "") {
        self.riesgo = riesgo; self.accion = accion; self.porcentaje = porcentaje; self.observaciones = observaciones
    }
}

extension RiskMap {
    /// The risk `numero`'s position, or a refusal naming it.
    public func riskIndex(_ numero: Int) throws(RiskMapEditError) -> Int {
        guard let k = riesgos.firstIndex(where: { $0.numero == numero }) else {
            throw RiskMapEditError(field: "riesgo", "El mapa \(vigencia) no tiene el riesgo \(numero).")
        }
        return k
    }

    /// Adds the risk (`numero` nil: the next number) or replaces the texts and inherent rating of
    /// risk `numero`, keeping its controls, actions and seguimiento. Returns the risk's number.
    @discardableResult
    public mutating func saveRisk(_ input: RiskInput, numero: Int? = nil) throws(RiskMapEditError) -> Int {
        let m = metodologia
        var e: [String: String] = [:]
        if input.riesgo.trimmed.isEmpty { e["riesgo"] = "Riesgo: descríbalo («Posibilidad de … para beneficio privado o de un tercero»)." }
        if input.proceso.trimmed.isEmpty { e["proceso"] = "Proceso: escriba el proceso al que pertenece el riesgo." }
        if !m.probabilidades.indices.contains(input.probabilidad ?? -1) { e["probabilidad"] = "Probabilidad: elija uno de los \(m.probabilidades.count) niveles." }
        let answers = Array(Set(input.respuestas)).sorted()
        if answers.contains(where: { $0 < 1 || $0 > m.preguntas.count }) {
            e["respuestas"] = "Cuestionario de impacto: las preguntas van de 1 a \(m.preguntas.count)."
        }
        let impacto = answers.isEmpty ? input.impacto : m.impacto(respuestasSi: answers.count)
        if let i = impacto, !m.impactos.indices.contains(i) || i < m.impactoMinimo {
            e["impacto"] = "Impacto: un riesgo de corrupción va de \(m.impactos[safe: m.impactoMinimo]?.nombre ?? "") a \(m.impactos.last?.nombre ?? "")."
        } else if impacto == nil {
            e["impacto"] = "Impacto: responda el cuestionario o elija el nivel de impacto."
        }
        let treatment = Treatment(rawValue: input.opcionDeManejo.trimmed.lowercased())
        if !input.opcionDeManejo.trimmed.isEmpty && treatment == nil { e["opcionDeManejo"] = "Opción de manejo: elija reducir, evitar o compartir." }
        if let refusal = treatment?.corruptionRefusal { e["opcionDeManejo"] = refusal }
        if let numero, !riesgos.contains(where: { $0.numero == numero }) { e["riesgo"] = "El mapa \(vigencia) no tiene el riesgo \(numero)." }
        guard e.isEmpty, let p = input.probabilidad, let i = impacto else { throw RiskMapEditError(e) }
        var risk = numero.flatMap { n in riesgos.first { $0.numero == n } }
            ?? Risk(numero: (riesgos.map(\.numero).max() ?? 0) + 1, riesgo: "", inherente: RiskRating(probabilidad: p, impacto: i))
        let rated = RiskRating(probabilidad: p, impacto: i)
        // A residual an imported map recorded belongs to the inherent rating it was recorded with.
        if risk.inherente != rated { risk.residualRegistrado = nil }
        risk.proceso = input.proceso.trimmed; risk.objetivo = input.objetivo.trimmed
        risk.causasInternas = input.causasInternas.trimmed; risk.causasExternas = input.causasExternas.trimmed
        risk.riesgo = input.riesgo.trimmed; risk.consecuencias = input.consecuencias.trimmed
        risk.inherente = rated
        risk.respuestas = answers.isEmpty ? nil : answers
        risk.respuestasSi = answers.isEmpty ? nil : answers.count
        risk.opcionDeManejo = treatment
        if let k = riesgos.firstIndex(where: { $0.numero == risk.numero }) { riesgos[k] = risk } else { riesgos.append(risk) }
        return risk.numero
    }

    /// Removes a risk that has no seguimiento yet; one with grades or materialisations is kept.
    public mutating func deleteRisk(_ numero: Int) throws(RiskMapEditError) {
        let k = try riskIndex(numero)
        let r = riesgos[k]
        if r.acciones.contains(where: { !$0.seguimientos.isEmpty }) || !r.materializaciones.isEmpty {
            throw RiskMapEditError(field: "riesgo", "El riesgo \(numero) ya tiene seguimiento de la OCI: no se puede eliminar.")
        }
        riesgos.remove(at: k)
    }

    /// Adds a control to risk `numero` (`position` nil) or replaces control `position` (from 1).
    /// The residual is then the one the controls give: a residual recorded by an import is dropped.
    public mutating func saveControl(_ input: ControlInput, risk numero: Int, position: Int? = nil) throws(RiskMapEditError) {
        let k = try riskIndex(numero)
        var e: [String: String] = [:]
        if input.descripcion.trimmed.isEmpty { e["descripcion"] = "Descripción: diga qué hace el control, quién y cada cuánto." }
        let tipo = Control.Tipo(rawValue: input.tipo.trimmed.lowercased())
        if tipo == nil { e["tipo"] = "Tipo: elija preventivo, detectivo o correctivo." }
        let implementacion = Control.Implementacion(rawValue: input.implementacion.trimmed.lowercased())
        if implementacion == nil { e["implementacion"] = "Implementación: elija automática o manual." }
        var puntaje: Double?
        if case .levels = metodologia.controles {
            let reading = PercentInput(input.puntaje)
            if let v = reading.value { puntaje = v } else {
                e["puntaje"] = "Puntaje del control: escriba la calificación del diseño del control, de 0 a 100" + (input.puntaje.trimmed.isEmpty ? "." : " («\(input.puntaje.trimmed)» no lo es).")
            }
        }
        if let position, !riesgos[k].controles.hasPosition(position) { e["control"] = "El riesgo \(numero) no tiene el control \(position)." }
        guard e.isEmpty, let tipo, let implementacion else { throw RiskMapEditError(e) }
        let control = Control(descripcion: input.descripcion.trimmed, responsable: input.responsable.trimmed, tipo: tipo,
                              implementacion: implementacion, documentacion: input.documentacion.trimmed,
                              frecuencia: input.frecuencia.trimmed, evidencia: input.evidencia.trimmed, puntaje: puntaje)
        if let position { riesgos[k].controles[position - 1] = control } else { riesgos[k].controles.append(control) }
        riesgos[k].residualRegistrado = nil
    }

    public mutating func deleteControl(risk numero: Int, position: Int) throws(RiskMapEditError) {
        let k = try riskIndex(numero)
        guard riesgos[k].controles.hasPosition(position) else {
            throw RiskMapEditError(field: "control", "El riesgo \(numero) no tiene el control \(position).")
        }
        riesgos[k].controles.remove(at: position - 1)
        riesgos[k].residualRegistrado = nil
    }

    /// Adds an action to risk `numero` (`position` nil) or replaces the plan of action `position`
    /// (from 1), keeping its seguimiento. An action needs a description, a responsable and both dates in order.
    public mutating func saveAction(_ plan: RiskActionPlan, risk numero: Int, position: Int? = nil) throws(RiskMapEditError) {
        let k = try riskIndex(numero)
        var e: [String: String] = [:]
        if plan.descripcion.trimmed.isEmpty { e["descripcion"] = "Descripción: escriba la acción." }
        if plan.responsable.trimmed.isEmpty { e["responsable"] = "Responsable: indique quién ejecuta la acción." }
        if plan.fechaInicio == nil { e["fechaInicio"] = "Fecha de inicio: escríbala (dd/mm/aaaa)." }
        if plan.fechaFin == nil { e["fechaFin"] = "Fecha de fin: escríbala (dd/mm/aaaa)." }
        if let start = plan.fechaInicio, let end = plan.fechaFin, end < start { e["fechaFin"] = "Fecha de fin: es anterior a la fecha de inicio." }
        let folded = plan.descripcion.trimmed.folded
        if riesgos[k].acciones.enumerated().contains(where: { $0.offset + 1 != position && $0.element.plan.descripcion.folded == folded }) {
            e["descripcion"] = "Descripción: el riesgo \(numero) ya tiene esa acción (los seguimientos las distinguen por su texto)."
        }
        if let position, !riesgos[k].acciones.hasPosition(position) { e["accion"] = "El riesgo \(numero) no tiene la acción \(position)." }
        guard e.isEmpty else { throw RiskMapEditError(e) }
        var clean = plan
        clean.descripcion = plan.descripcion.trimmed; clean.responsable = plan.responsable.trimmed
        clean.indicador = plan.indicador.trimmed; clean.registro = plan.registro.trimmed
        if let position { riesgos[k].acciones[position - 1].plan = clean } else { riesgos[k].acciones.append(RiskAction(plan: clean)) }
    }

    /// Removes an action that has no seguimiento.
    public mutating func deleteAction(risk numero: Int, position: Int) throws(RiskMapEditError) {
        let k = try riskIndex(numero)
        guard riesgos[k].acciones.hasPosition(position) else {
            throw RiskMapEditError(field: "accion", "El riesgo \(numero) no tiene la acción \(position).")
        }
        // Actions are known by their position: removing one moves those after it, so none of them may have grades.
        if let graded = riesgos[k].acciones.indices.first(where: { $0 >= position - 1 && !riesgos[k].acciones[$0].seguimientos.isEmpty }) {
            throw RiskMapEditError(field: "accion", graded == position - 1
                ? "La acción \(position) del riesgo \(numero) ya tiene seguimiento de la OCI: no se puede eliminar."
                : "La acción \(graded + 1) del riesgo \(numero), que va después, ya tiene seguimiento de la OCI: eliminar la acción \(position) la movería.")
        }
        riesgos[k].acciones.remove(at: position - 1)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }

    /// Whether `position` (from 1, as forms and the API count) names an element; never overflows.
    public func hasPosition(_ position: Int) -> Bool { position >= 1 && position <= count }
}
