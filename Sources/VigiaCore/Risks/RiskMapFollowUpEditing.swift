import Foundation

/// «¿Se materializó el riesgo?» for one risk in a period, as typed.
public struct RiskMaterialisationInput: Sendable, Equatable, Codable {
    public var riesgo: Int
    public var materializado: Bool
    public var descripcion: String
    public init(riesgo: Int, materializado: Bool, descripcion: String = "") {
        self.riesgo = riesgo; self.materializado = materializado; self.descripcion = descripcion
    }
}

extension RiskMap {
    /// The OCI's seguimiento of `period`: every grade and materialisation sent replaces what the map
    /// held for that action or risk in that period (a blank % with no observaciones removes the grade).
    /// Everything is checked first; one refusal writes nothing. Field names: `p-<riesgo>-<acción>`,
    /// `m-<riesgo>`, as the form names its inputs.
    public mutating func setFollowUps(period: Int, grades: [RiskGradeInput], materialisations: [RiskMaterialisationInput]) throws(RiskMapEditError) {
        guard periodos.contains(where: { $0.numero == period }) else {
            throw RiskMapEditError(field: "periodo", "El mapa \(vigencia) no tiene el periodo \(period).")
        }
        var e: [String: String] = [:]
        var out = self
        for g in grades {
            let field = "p-\(g.riesgo)-\(g.accion)"
            guard let k = out.riesgos.firstIndex(where: { $0.numero == g.riesgo }), out.riesgos[k].acciones.hasPosition(g.accion) else {
                e[field] = "Riesgo \(g.riesgo), acción \(g.accion): no está en el mapa."
                continue
            }
            let reading = PercentInput(g.porcentaje)
            if let problem = reading.problem(field: "Riesgo \(g.riesgo), acción \(g.accion): el % de avance") { e[field] = problem; continue }
            let notes = g.observaciones.trimmed
            var follow = out.riesgos[k].acciones[g.accion - 1].seguimientos
            follow.removeAll { $0.periodo == period }
            if reading.value != nil || !notes.isEmpty { follow.append(RiskFollowUp(periodo: period, porcentaje: reading.value, observaciones: notes)) }
            out.riesgos[k].acciones[g.accion - 1].seguimientos = follow.sorted { $0.periodo < $1.periodo }
        }
        for mat in materialisations {
            let field = "m-\(mat.riesgo)"
            guard let k = out.riesgos.firstIndex(where: { $0.numero == mat.riesgo }) else { e[field] = "Riesgo \(mat.riesgo): no está en el mapa."; continue }
            let text = mat.descripcion.trimmed
            if mat.materializado && text.isEmpty {
                e["d-\(mat.riesgo)"] = "Riesgo \(mat.riesgo): si se materializó, diga qué pasó y qué se hizo (denuncia, acciones, ajuste del mapa)."
                continue
            }
            out.riesgos[k].materializaciones.removeAll { $0.periodo == period }
            if mat.materializado || !text.isEmpty {
                out.riesgos[k].materializaciones.append(RiskMaterialisation(periodo: period, materializado: mat.materializado, descripcion: text))
                out.riesgos[k].materializaciones.sort { $0.periodo < $1.periodo }
            }
        }
        guard e.isEmpty else { throw RiskMapEditError(e) }
        self = out
    }

    /// Risks grouped by proceso with the process's % in the evaluation's period, by the evaluation's
    /// method (mean of its risks' %, or of every action graded): (proceso, risks, %), in the order the
    /// processes first appear.
    public func percentPerProcess(_ evaluation: RiskMapEvaluation) -> [(proceso: String, riesgos: Int, porcentaje: Double?)] {
        var order: [String] = [], members: [String: [Risk]] = [:]
        for r in riesgos {
            let key = r.proceso.trimmed.isEmpty ? "Sin proceso" : r.proceso.trimmed
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(r)
        }
        return order.map { p in
            let rs = members[p] ?? []
            let values = evaluation.metodo == .promedioRiesgos ? rs.compactMap { evaluation.porRiesgo[$0.numero] }
                : rs.flatMap { $0.acciones.compactMap { $0.followUp(evaluation.periodo)?.porcentaje }.filter(\.isFinite) }
            return (p, rs.count, values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))
        }
    }
}

extension RiskMap {
    /// When the responsables may report the monitoreo of `period`: from the day after the previous
    /// cut (1 January for the first) to the day the OCI must publish its seguimiento.
    public func reportingWindow(period: Int) -> ReportingWindow? {
        guard let k = periodos.firstIndex(where: { $0.numero == period }) else { return nil }
        let from = k == 0 ? LocalDate(year: vigencia, month: 1, day: 1) : periodos[k - 1].fechaCorte.adding(days: 1)
        return ReportingWindow(from: from, until: periodos[k].fechaLimitePublicacion)
    }

    /// The actions a dependencia reports on: (risk, position from 1, action), in the map's order.
    public func actions(of dependency: UUID) -> [(risk: Risk, position: Int, action: RiskAction)] {
        riesgos.flatMap { r in
            r.acciones.enumerated().compactMap { k, a in (a.plan.dependencias ?? []).contains(dependency) ? (r, k + 1, a) : nil }
        }
    }

    /// Moves every action of dependencia `from` to `to` (a merge of dependencias); whether anything changed.
    public mutating func replaceDependency(_ from: UUID, with to: UUID) -> Bool {
        var changed = false
        for r in riesgos.indices {
            for a in riesgos[r].acciones.indices {
                guard var ids = riesgos[r].acciones[a].plan.dependencias, ids.contains(from) else { continue }
                ids = ids.map { $0 == from ? to : $0 }
                riesgos[r].acciones[a].plan.dependencias = ids.enumerated().filter { k, id in ids.firstIndex(of: id) == k }.map(\.element)
                changed = true
            }
        }
        return changed
    }

    /// Fills each action's dependencias, when it has none, with those whose name is its responsable's
    /// text (accents and case aside): what an imported map says in words.
    public mutating func assignDependencies(_ named: [(id: UUID, name: String)]) {
        let byName = Dictionary(named.map { ($0.name.folded, $0.id) }, uniquingKeysWith: { first, _ in first })
        for r in riesgos.indices {
            for a in riesgos[r].acciones.indices where (riesgos[r].acciones[a].plan.dependencias ?? []).isEmpty {
                if let id = byName[riesgos[r].acciones[a].plan.responsable.folded] { riesgos[r].acciones[a].plan.dependencias = [id] }
            }
        }
    }
}
