import Vapor
import VigiaCore

/// The plan's header fields as the form sends them.
struct PlanForm: Content {
    var unidadAuditable: String = ""
    var dependencia: String? = nil
    var numeroAuditoria: String = ""
    var periodoAuditoria: String = ""
    var fechaSuscripcion: String = ""
    var origen: String = PlanOrigin.auditoriaInterna.rawValue
    var estado: String = PlanStatus.formulacion.rawValue
    var metodo: String = AggregationMethod.mean.rawValue

    /// Missing fields take their defaults: a browser leaves out empty selects and checkboxes.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        unidadAuditable = try c.decodeIfPresent(String.self, forKey: .unidadAuditable) ?? ""
        dependencia = try c.decodeIfPresent(String.self, forKey: .dependencia)
        numeroAuditoria = try c.decodeIfPresent(String.self, forKey: .numeroAuditoria) ?? ""
        periodoAuditoria = try c.decodeIfPresent(String.self, forKey: .periodoAuditoria) ?? ""
        fechaSuscripcion = try c.decodeIfPresent(String.self, forKey: .fechaSuscripcion) ?? ""
        origen = try c.decodeIfPresent(String.self, forKey: .origen) ?? PlanOrigin.auditoriaInterna.rawValue
        estado = try c.decodeIfPresent(String.self, forKey: .estado) ?? PlanStatus.formulacion.rawValue
        metodo = try c.decodeIfPresent(String.self, forKey: .metodo) ?? AggregationMethod.mean.rawValue
    }

    enum Keys: String, CodingKey {
        case unidadAuditable, dependencia, numeroAuditoria, periodoAuditoria, fechaSuscripcion, origen, estado, metodo
    }

    init() {}

    init(_ p: ImprovementPlan) {
        unidadAuditable = p.unidadAuditable
        dependencia = p.$dependency.id?.uuidString
        numeroAuditoria = p.numeroAuditoria
        periodoAuditoria = p.periodoAuditoria
        fechaSuscripcion = p.fechaSuscripcion?.iso ?? ""
        origen = p.origen.rawValue
        estado = p.estado.rawValue
        metodo = p.metodo.rawValue
    }

    /// The header as typed, and the problems only a text form can have (an unreadable date, an
    /// unknown choice). The rules are PlanService's.
    func parsed() -> (PlanHeader, [String: String]) {
        var e: [String: String] = [:]
        var h = PlanHeader()
        h.unidadAuditable = unidadAuditable
        h.numeroAuditoria = numeroAuditoria
        h.periodoAuditoria = periodoAuditoria
        h.fechaSuscripcion = LocalDate(dayFirst: fechaSuscripcion)
        if !fechaSuscripcion.trimmed.isEmpty && h.fechaSuscripcion == nil {
            e["fechaSuscripcion"] = "La fecha de suscripción «\(fechaSuscripcion)» no es válida (dd/mm/aaaa)."
        }
        if let v = PlanOrigin(rawValue: origen) { h.origen = v } else { e["origen"] = "Origen no reconocido." }
        if let v = PlanStatus(rawValue: estado) { h.estado = v } else { e["estado"] = "Estado no reconocido." }
        if let v = AggregationMethod(rawValue: metodo) { h.metodo = v } else { e["metodo"] = "Método no reconocido." }
        return (h, e)
    }
}

struct FindingForm: Content {
    var numero: String = ""
    var descripcion: String = ""
    var causa: String = ""
    var efecto: String = ""
    var criterio: String = ""
    var codigo: String = ""

    /// Missing fields take their defaults: a browser leaves out empty selects and checkboxes.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        numero = try c.decodeIfPresent(String.self, forKey: .numero) ?? ""
        descripcion = try c.decodeIfPresent(String.self, forKey: .descripcion) ?? ""
        causa = try c.decodeIfPresent(String.self, forKey: .causa) ?? ""
        efecto = try c.decodeIfPresent(String.self, forKey: .efecto) ?? ""
        criterio = try c.decodeIfPresent(String.self, forKey: .criterio) ?? ""
        codigo = try c.decodeIfPresent(String.self, forKey: .codigo) ?? ""
    }

    enum Keys: String, CodingKey {
        case numero, descripcion, causa, efecto, criterio, codigo
    }

    init() {}
    init(_ f: Finding) {
        numero = "\(f.numero)"; descripcion = f.descripcion; causa = f.causa; efecto = f.efecto; criterio = f.criterio; codigo = f.codigo ?? ""
    }

    /// The finding as typed, with the problems only a text form can have (a number that is not one).
    func parsed() -> (FindingSnapshot, [String: String]) {
        let n = Int(numero.trimmed)
        let problems = n == nil ? ["numero": "El número del hallazgo debe ser un entero mayor que 0."] : [:]
        return (FindingSnapshot(numero: n ?? 0, descripcion: descripcion, causa: causa, efecto: efecto, criterio: criterio, codigo: codigo), problems)
    }
}

struct ActionForm: Content {
    var descripcion: String = ""
    var tipo: String = ActionType.correctiva.rawValue
    var responsable: String = ""
    var dependencias: [String]? = nil
    var fechaInicial: String = ""
    var fechaFinal: String = ""
    var meta: String = ""
    var metaCantidad: String = ""
    var metaUnidad: String = ""
    var indicador: String = ""
    var objetivo: String = ""

    /// Missing fields take their defaults: a browser leaves out empty selects and checkboxes.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        descripcion = try c.decodeIfPresent(String.self, forKey: .descripcion) ?? ""
        tipo = try c.decodeIfPresent(String.self, forKey: .tipo) ?? ActionType.correctiva.rawValue
        responsable = try c.decodeIfPresent(String.self, forKey: .responsable) ?? ""
        dependencias = try c.decodeIfPresent([String].self, forKey: .dependencias)
        fechaInicial = try c.decodeIfPresent(String.self, forKey: .fechaInicial) ?? ""
        fechaFinal = try c.decodeIfPresent(String.self, forKey: .fechaFinal) ?? ""
        meta = try c.decodeIfPresent(String.self, forKey: .meta) ?? ""
        metaCantidad = try c.decodeIfPresent(String.self, forKey: .metaCantidad) ?? ""
        metaUnidad = try c.decodeIfPresent(String.self, forKey: .metaUnidad) ?? ""
        indicador = try c.decodeIfPresent(String.self, forKey: .indicador) ?? ""
        objetivo = try c.decodeIfPresent(String.self, forKey: .objetivo) ?? ""
    }

    enum Keys: String, CodingKey {
        case descripcion, tipo, responsable, dependencias, fechaInicial, fechaFinal, meta, metaCantidad, metaUnidad, indicador, objetivo
    }

    init() {}
    init(_ a: Action) {
        descripcion = a.descripcion; tipo = a.tipo.rawValue; responsable = a.responsable
        dependencias = a.$dependencies.value?.compactMap { $0.id?.uuidString }
        fechaInicial = a.fechaInicial?.iso ?? ""; fechaFinal = a.fechaFinal?.iso ?? ""
        meta = a.meta; metaCantidad = a.metaCantidad.map { SpanishFormat.number($0, maxDecimals: 2) } ?? ""
        metaUnidad = a.metaUnidad ?? ""; indicador = a.indicador; objetivo = a.objetivo ?? ""
    }

    /// The action as typed, with the dependencias' names, and the problems only a text form can
    /// have (a date or a quantity that cannot be read). The rules are VigiaCore's FormulationRules.
    func parsed(dependencies: [Dependency]) -> (ActionSnapshot, [String: String]) {
        var e: [String: String] = [:]
        let start = LocalDate(dayFirst: fechaInicial), end = LocalDate(dayFirst: fechaFinal)
        if start == nil && !fechaInicial.trimmed.isEmpty { e["fechaInicial"] = "La fecha inicial «\(fechaInicial)» no es válida (dd/mm/aaaa)." }
        if end == nil && !fechaFinal.trimmed.isEmpty { e["fechaFinal"] = "La fecha final «\(fechaFinal)» no es válida (dd/mm/aaaa)." }
        if ActionType(rawValue: tipo) == nil { e["tipo"] = "Tipo de acción no reconocido." }
        var quantity = MetaQuantity.parse(meta)?.quantity
        if !metaCantidad.trimmed.isEmpty {
            quantity = PercentInput.number(metaCantidad)
            if quantity == nil { e["metaCantidad"] = "La cantidad «\(metaCantidad)» no es un número." }
        }
        let unit = metaUnidad.trimmed.isEmpty ? MetaQuantity.parse(meta)?.unit : metaUnidad.trimmed
        let action = ActionSnapshot(descripcion: descripcion, tipo: ActionType(rawValue: tipo) ?? .correctiva, responsable: responsable,
                                    dependencias: dependencies.map(\.name), fechaInicial: start, fechaFinal: end, meta: meta,
                                    metaCantidad: quantity, metaUnidad: unit, indicador: indicador, objetivo: objetivo)
        return (action, e)
    }
}

extension Optional where Wrapped == LocalDate {
    var auditText: String? { self?.dayFirst }
}
