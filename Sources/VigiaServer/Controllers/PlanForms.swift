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

    /// Field errors in Spanish, keyed by field name; empty when the form is valid.
    func validate() -> [String: String] {
        var e: [String: String] = [:]
        if unidadAuditable.trimmed.isEmpty && (dependencia ?? "").isEmpty {
            e["unidadAuditable"] = "Escriba la unidad auditable o elija su dependencia."
        }
        if !fechaSuscripcion.trimmed.isEmpty && LocalDate(dayFirst: fechaSuscripcion) == nil {
            e["fechaSuscripcion"] = "La fecha de suscripción «\(fechaSuscripcion)» no es válida (dd/mm/aaaa)."
        }
        if PlanOrigin(rawValue: origen) == nil { e["origen"] = "Origen no reconocido." }
        if PlanStatus(rawValue: estado) == nil { e["estado"] = "Estado no reconocido." }
        if AggregationMethod(rawValue: metodo) == nil { e["metodo"] = "Método no reconocido." }
        return e
    }
}

struct FindingForm: Content {
    var numero: String = ""
    var descripcion: String = ""
    var causa: String = ""
    var efecto: String = ""
    var criterio: String = ""

    /// Missing fields take their defaults: a browser leaves out empty selects and checkboxes.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        numero = try c.decodeIfPresent(String.self, forKey: .numero) ?? ""
        descripcion = try c.decodeIfPresent(String.self, forKey: .descripcion) ?? ""
        causa = try c.decodeIfPresent(String.self, forKey: .causa) ?? ""
        efecto = try c.decodeIfPresent(String.self, forKey: .efecto) ?? ""
        criterio = try c.decodeIfPresent(String.self, forKey: .criterio) ?? ""
    }

    enum Keys: String, CodingKey {
        case numero, descripcion, causa, efecto, criterio
    }

    init() {}
    init(_ f: Finding) {
        numero = "\(f.numero)"; descripcion = f.descripcion; causa = f.causa; efecto = f.efecto; criterio = f.criterio
    }

    func validate() -> [String: String] {
        var e: [String: String] = [:]
        if Int(numero.trimmed).map({ $0 > 0 }) != true { e["numero"] = "El número del hallazgo debe ser un entero mayor que 0." }
        if descripcion.trimmed.isEmpty { e["descripcion"] = "Describa el hallazgo." }
        return e
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
    }

    enum Keys: String, CodingKey {
        case descripcion, tipo, responsable, dependencias, fechaInicial, fechaFinal, meta, metaCantidad, metaUnidad, indicador
    }

    init() {}
    init(_ a: Action) {
        descripcion = a.descripcion; tipo = a.tipo.rawValue; responsable = a.responsable
        dependencias = a.$dependencies.value?.compactMap { $0.id?.uuidString }
        fechaInicial = a.fechaInicial?.iso ?? ""; fechaFinal = a.fechaFinal?.iso ?? ""
        meta = a.meta; metaCantidad = a.metaCantidad.map { SpanishFormat.number($0, maxDecimals: 2) } ?? ""
        metaUnidad = a.metaUnidad ?? ""; indicador = a.indicador
    }

    func validate() -> [String: String] {
        var e: [String: String] = [:]
        if descripcion.trimmed.isEmpty { e["descripcion"] = "Describa la acción." }
        if ActionType(rawValue: tipo) == nil { e["tipo"] = "Tipo de acción no reconocido." }
        if responsable.trimmed.isEmpty && (dependencias ?? []).isEmpty { e["responsable"] = "Indique el responsable." }
        let start = LocalDate(dayFirst: fechaInicial), end = LocalDate(dayFirst: fechaFinal)
        if start == nil { e["fechaInicial"] = "La fecha inicial «\(fechaInicial)» no es válida (dd/mm/aaaa)." }
        if end == nil { e["fechaFinal"] = "La fecha final «\(fechaFinal)» no es válida (dd/mm/aaaa)." }
        if let start, let end, end < start { e["fechaFinal"] = "La fecha final es anterior a la fecha inicial." }
        if meta.trimmed.isEmpty { e["meta"] = "Escriba la meta." }
        if !metaCantidad.trimmed.isEmpty && SpanishFormat.parsePercent(metaCantidad).map({ $0 >= 0 }) != true {
            e["metaCantidad"] = "La cantidad «\(metaCantidad)» no es un número."
        }
        if indicador.trimmed.isEmpty { e["indicador"] = "Escriba el indicador." }
        return e
    }

    var snapshot: ActionSnapshot {
        let quantity = metaCantidad.trimmed.isEmpty ? MetaQuantity.parse(meta)?.quantity : SpanishFormat.parsePercent(metaCantidad)
        let unit = metaUnidad.trimmed.isEmpty ? MetaQuantity.parse(meta)?.unit : metaUnidad.trimmed
        return ActionSnapshot(descripcion: descripcion.trimmed, tipo: ActionType(rawValue: tipo) ?? .correctiva,
                              responsable: responsable.trimmed, fechaInicial: LocalDate(dayFirst: fechaInicial),
                              fechaFinal: LocalDate(dayFirst: fechaFinal), meta: meta.trimmed, metaCantidad: quantity,
                              metaUnidad: unit, indicador: indicador.trimmed)
    }
}

extension Optional where Wrapped == LocalDate {
    var auditText: String? { self?.dayFirst }
}
