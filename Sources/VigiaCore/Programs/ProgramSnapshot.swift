import Foundation

/// The yearly anti-corruption program (PAAC, now PTEP) as plain values: what the importer
/// produces, what the rules evaluate and what the JSON export prints.
public struct ProgramSnapshot: Codable, Sendable, Equatable {
    public var id: UUID?
    public var entidad: String
    public var vigencia: Int
    /// Name and version of the template the program was built from (kept with the program).
    public var plantilla: String
    public var titulo: String
    public var componentes: [ComponentSnapshot]
    public var periodos: [PeriodSnapshot]
    public var firmas: [SignatureSnapshot]

    public init(id: UUID? = nil, entidad: String = "", vigencia: Int, plantilla: String = ProgramTemplate.paacV2.name,
                titulo: String = "", componentes: [ComponentSnapshot] = [], periodos: [PeriodSnapshot] = [],
                firmas: [SignatureSnapshot] = []) {
        self.id = id; self.entidad = entidad; self.vigencia = vigencia; self.plantilla = plantilla; self.titulo = titulo
        self.componentes = componentes; self.periodos = periodos; self.firmas = firmas
    }

    public var activityCount: Int { componentes.reduce(0) { $0 + $1.actividades.count } }
}

public struct ComponentSnapshot: Codable, Sendable, Equatable {
    public var numero: Int
    public var nombre: String
    public var actividades: [ActivitySnapshot]

    public init(numero: Int, nombre: String, actividades: [ActivitySnapshot] = []) {
        self.numero = numero; self.nombre = nombre; self.actividades = actividades
    }
}

/// A date or “Permanente”, as the programs write the fecha programada.
public enum ScheduledDate: Codable, Sendable, Equatable, CustomStringConvertible {
    case date(LocalDate)
    case permanente

    public init?(text: String) {
        let t = text.trimmed
        if t.folded == "PERMANENTE" { self = .permanente; return }
        guard let d = LocalDate(dayFirst: t) else { return nil }
        self = .date(d)
    }

    public var description: String {
        switch self {
        case .date(let d): d.dayFirst
        case .permanente: "Permanente"
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text == "Permanente" { self = .permanente; return }
        guard let d = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "Fecha programada «\(text)»: se espera aaaa-mm-dd o Permanente"))
        }
        self = .date(d)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .date(let d): try c.encode(d.iso)
        case .permanente: try c.encode("Permanente")
        }
    }
}

public struct ActivitySnapshot: Codable, Sendable, Equatable {
    public var id: UUID?
    public var subcomponente: String
    public var actividad: String
    public var meta: String
    public var responsables: String
    public var fechaProgramada: ScheduledDate?
    /// Sub-items (“… que contenga:” and its lines): the activity's % is the mean of those that apply.
    public var subitems: [ActivitySnapshot]
    /// The OCI's seguimiento per period.
    public var seguimientos: [ActivityFollowUpSnapshot]
    /// The responsables' own report per period (monitoreo), never mixed with the OCI's.
    public var monitoreos: [ActivityFollowUpSnapshot]

    public init(id: UUID? = nil, subcomponente: String = "", actividad: String, meta: String = "", responsables: String = "",
                fechaProgramada: ScheduledDate? = nil, subitems: [ActivitySnapshot] = [],
                seguimientos: [ActivityFollowUpSnapshot] = [], monitoreos: [ActivityFollowUpSnapshot] = []) {
        self.id = id
        self.monitoreos = monitoreos
        self.subcomponente = subcomponente; self.actividad = actividad; self.meta = meta
        self.responsables = responsables; self.fechaProgramada = fechaProgramada; self.subitems = subitems
        self.seguimientos = seguimientos
    }

    public func followUp(_ period: Int) -> ActivityFollowUpSnapshot? { seguimientos.first { $0.periodo == period } }
    public func monitoring(_ period: Int) -> ActivityFollowUpSnapshot? { monitoreos.first { $0.periodo == period } }
}

/// The OCI's seguimiento of one activity in one period: a % (0–100), N/A, or nothing yet.
public struct ActivityFollowUpSnapshot: Codable, Sendable, Equatable {
    public var periodo: Int
    public var porcentaje: Double?
    public var noAplica: Bool
    public var seguimiento: String
    public var evidencias: [String]

    public init(periodo: Int, porcentaje: Double? = nil, noAplica: Bool = false, seguimiento: String = "", evidencias: [String] = []) {
        self.periodo = periodo; self.porcentaje = porcentaje; self.noAplica = noAplica
        self.seguimiento = seguimiento; self.evidencias = evidencias
    }
}

/// A follow-up period (cuatrimestre by default) with its cut-off and publication deadline.
public struct PeriodSnapshot: Codable, Sendable, Equatable {
    public var numero: Int
    public var nombre: String
    public var fechaCorte: LocalDate
    public var fechaLimitePublicacion: LocalDate

    public init(numero: Int, nombre: String, fechaCorte: LocalDate, fechaLimitePublicacion: LocalDate) {
        self.numero = numero; self.nombre = nombre; self.fechaCorte = fechaCorte; self.fechaLimitePublicacion = fechaLimitePublicacion
    }

    /// Three cuatrimestres cut on 30/04, 31/08 and 31/12; each published by the 10th business
    /// day of the next month. None for a year LocalDate cannot hold (outside 1000…9999).
    public static func cuatrimestres(_ year: Int) -> [PeriodSnapshot] {
        periods(year, [("PRIMER CUATRIMESTRE", 4, 30), ("SEGUNDO CUATRIMESTRE", 8, 31), ("TERCER CUATRIMESTRE", 12, 31)])
    }

    /// Two semesters cut on 30/06 and 31/12 (some entities follow the PTEP every six months).
    public static func semestres(_ year: Int) -> [PeriodSnapshot] {
        periods(year, [("PRIMER SEMESTRE", 6, 30), ("SEGUNDO SEMESTRE", 12, 31)])
    }

    private static func periods(_ year: Int, _ cuts: [(String, Int, Int)]) -> [PeriodSnapshot] {
        var out: [PeriodSnapshot] = []
        for (name, month, day) in cuts {
            guard let cut = LocalDate(year: year, month: month, day: day) else { return [] }
            out.append(PeriodSnapshot(numero: out.count + 1, nombre: "\(name) \(year)", fechaCorte: cut,
                                      fechaLimitePublicacion: ColombianCalendar.publicationDeadline(cutOff: cut)))
        }
        return out
    }
}

extension ProgramSnapshot {
    /// The last period with any seguimiento recorded.
    public var latestGradedPeriod: Int? {
        let graded = Set(componentes.flatMap { c in
            c.actividades.flatMap { a in (a.subitems.isEmpty ? [a] : a.subitems).flatMap { $0.seguimientos.map(\.periodo) } }
        })
        return periodos.map(\.numero).filter(graded.contains).max()
    }

    /// The first period whose publication deadline has not passed at `today`, with the business
    /// days left to it.
    public func nextDeadline(today: LocalDate) -> (period: PeriodSnapshot, businessDaysLeft: Int)? {
        periodos.sorted { $0.numero < $1.numero }.first { $0.fechaLimitePublicacion >= today }.map {
            ($0, ColombianCalendar.businessDays(from: today, to: $0.fechaLimitePublicacion))
        }
    }
}

extension ProgramSnapshot {
    /// What the program is called in short: "PTEP" when built from the PTEP template, else "PAAC".
    public var shortName: String { Self.shortName(plantilla: plantilla) }
    public static func shortName(plantilla: String) -> String { plantilla.hasPrefix("PTEP") ? "PTEP" : "PAAC" }
}
