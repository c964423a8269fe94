import Foundation

/// What a user may do. The server checks it on every route.
public enum Role: String, Codable, Sendable, CaseIterable {
    case administrador, oci, responsable, consulta
    /// Install-wide: creates entities and their first administrador; sees no entity's data.
    case superadmin

    /// The roles an entity's administrador can give (the superadministrador is made only on the server).
    public static let entityRoles: [Role] = [.administrador, .oci, .responsable, .consulta]

    public var label: String {
        switch self {
        case .superadmin: "Superadministrador de la instalación"
        case .administrador: "Administrador"
        case .oci: "Oficina de Control Interno"
        case .responsable: "Responsable de dependencia"
        case .consulta: "Consulta"
        }
    }

    /// Only the OCI grades follow-ups (and the administrator, who configures everything).
    public var gradesFollowUps: Bool { self == .oci || self == .administrador }
    /// Who may create or edit plans, findings and actions (a responsable only in its dependency).
    public var formulatesPlans: Bool { self == .administrador || self == .oci || self == .responsable }
    /// A responsable sees, reports on and is reminded of its own dependency's work only.
    public var seesOwnDependencyOnly: Bool { self == .responsable }
    /// The administrador configures the entity: templates, users, lockouts.
    public var administers: Bool { self == .administrador }
    /// The OCI receives the digest of reports waiting for its grade.
    public var receivesOCIDigest: Bool { self == .oci }
    /// The superadministrador works on the install (its entities), never inside one.
    public var administersInstall: Bool { self == .superadmin }
}

/// Where a plan comes from. The origin may bring its own grades (CGR plans go to SIRECI).
public enum PlanOrigin: String, Codable, Sendable, CaseIterable {
    case auditoriaInterna = "auditoria_interna"
    case contraloriaGeneral = "contraloria_general"
    case contraloriaTerritorial = "contraloria_territorial"
    case autoevaluacion
    case otro

    public var label: String {
        switch self {
        case .auditoriaInterna: "Auditoría interna (OCI)"
        case .contraloriaGeneral: "Contraloría General de la República (SIRECI)"
        case .contraloriaTerritorial: "Contraloría territorial"
        case .autoevaluacion: "Autoevaluación"
        case .otro: "Otro"
        }
    }
}

public enum PlanStatus: String, Codable, Sendable, CaseIterable {
    case formulacion, suscrito, enSeguimiento = "en_seguimiento", cerrado

    public var label: String {
        switch self {
        case .formulacion: "En formulación"
        case .suscrito: "Suscrito"
        case .enSeguimiento: "En seguimiento"
        case .cerrado: "Cerrado"
        }
    }
}

public enum ActionType: String, Codable, Sendable, CaseIterable {
    case correctiva, preventiva, mejora

    public var label: String {
        switch self {
        case .correctiva: "Correctiva"
        case .preventiva: "Preventiva"
        case .mejora: "De mejora"
        }
    }
}

/// The state of an action at a follow-up round's cut-off.
public enum ActionState: String, Codable, Sendable, CaseIterable {
    case sinIniciar = "sin_iniciar"
    case enEjecucion = "en_ejecucion"
    case cumplida
    case vencida
    case incumplida
    case cerrada
    /// Replaced by a new action through an approved reformulation: kept, read-only, with its grades.
    case reformulada

    public var label: String {
        switch self {
        case .sinIniciar: "SIN INICIAR"
        case .enEjecucion: "EN EJECUCIÓN"
        case .cumplida: "CUMPLIDA"
        case .vencida: "VENCIDA"
        case .incumplida: "INCUMPLIDA"
        case .cerrada: "CERRADA"
        case .reformulada: "REFORMULADA"
        }
    }

    /// Done: the finding may close when every action is in one of these.
    public var isDone: Bool { self == .cumplida || self == .cerrada }

    /// Reads what people write in the estado column: `CERRADO`, `Cumplida`, `en ejecucion`…
    public init?(text: String) {
        let t = text.folded
        switch t {
        case "SIN INICIAR", "NO INICIADA", "NO INICIADO", "SIN_INICIAR": self = .sinIniciar
        case "EN EJECUCION", "EN PROCESO", "EN CURSO", "EN_EJECUCION", "EN AVANCE": self = .enEjecucion
        case "CUMPLIDA", "CUMPLIDO", "TERMINADA", "TERMINADO", "EJECUTADA", "EJECUTADO": self = .cumplida
        case "VENCIDA", "VENCIDO": self = .vencida
        case "INCUMPLIDA", "INCUMPLIDO", "NO CUMPLIDA", "NO CUMPLIDO": self = .incumplida
        case "CERRADA", "CERRADO": self = .cerrada
        case "REFORMULADA", "REFORMULADO": self = .reformulada
        default: return nil
        }
    }
}

public enum FindingState: String, Codable, Sendable, CaseIterable {
    case abierto, cerrado

    public var label: String { self == .abierto ? "ABIERTO" : "CERRADO" }

    public init?(text: String) {
        switch text.folded {
        case "ABIERTO", "ABIERTA": self = .abierto
        case "CERRADO", "CERRADA": self = .cerrado
        default: return nil
        }
    }
}

public enum RoundStatus: String, Codable, Sendable, CaseIterable {
    case borrador, publicado

    public var label: String { self == .borrador ? "Borrador" : "Publicado" }
}

public enum SignatureRole: String, Codable, Sendable, CaseIterable {
    case elaborado, revisado, aprobado

    public var label: String {
        switch self {
        case .elaborado: "Elaborado por"
        case .revisado: "Revisado por"
        case .aprobado: "Aprobado por"
        }
    }
}

/// How a finding's % comes from its actions' (and so the plan's %).
public enum AggregationMethod: String, Codable, Sendable, CaseIterable {
    case mean = "promedio"
    case weightedByMetaQuantity = "ponderado_meta"

    public var label: String {
        switch self {
        case .mean: "Promedio simple de las acciones"
        case .weightedByMetaQuantity: "Promedio ponderado por la cantidad de la meta"
        }
    }
}

extension String {
    /// Upper-cased, without accents and with single spaces: for matching words people type.
    /// Pure Swift on purpose: Foundation's folding and trimming are not safe to call from many
    /// threads at once on Linux (seen crashing under parallel imports).
    public var folded: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for ch in self {
            // ASCII (CRLF included) first: the same answers without Unicode property lookups.
            let isWhitespace = ch.asciiValue.map { $0 == 32 || (9...13).contains($0) } ?? ch.isWhitespace
            if isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            // A key is one precomposed letter (two scalars decomposed); a longer Character can
            // only miss, and hashing a huge one would normalise it in quadratic time.
            out.append(ch.isASCII || ch.unicodeScalars.count > 2 ? ch : String.unaccented[ch] ?? ch)
        }
        return out.uppercased()
    }

    public var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    private static let unaccented: [Character: Character] = [
        "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ñ": "n", "à": "a", "è": "e", "ì": "i", "ò": "o", "ù": "u",
        "Á": "A", "É": "E", "Í": "I", "Ó": "O", "Ú": "U", "Ü": "U", "Ñ": "N", "À": "A", "È": "E", "Ì": "I", "Ò": "O", "Ù": "U",
    ]
}

extension Character {
    /// A Character of more than 32 Unicode scalars: a letter with 30 marks stacked on it, beyond
    /// the “stream-safe” limit of UAX #15. No language writes it; a file that has one is damaged
    /// or hostile, and comparing it costs time quadratic in its length (Swift normalises it for
    /// every `==`, hash or prefix test), so importers refuse it before comparing anything.
    public var isOverlong: Bool { utf8.count > 32 && unicodeScalars.count > 32 }
}
