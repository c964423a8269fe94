import Foundation

/// The entity's format header block: configuration of the entity, never hard-coded.
public struct FormatHeader: Codable, Sendable, Equatable {
    public var entidad: String
    public var proceso: String
    public var nombreFormato: String
    public var codigo: String
    public var version: String
    public var fecha: String
    public var consecutivo: String

    public init(entidad: String = "", proceso: String = "", nombreFormato: String = "", codigo: String = "",
                version: String = "", fecha: String = "", consecutivo: String = "") {
        self.entidad = entidad; self.proceso = proceso; self.nombreFormato = nombreFormato
        self.codigo = codigo; self.version = version; self.fecha = fecha; self.consecutivo = consecutivo
    }
}

/// One improvement plan as plain values: what the importer produces, what the server builds
/// from the database, what the rules evaluate and what the JSON export prints.
public struct PlanSnapshot: Codable, Sendable, Equatable {
    public var id: UUID?
    public var formato: FormatHeader
    public var unidadAuditable: String
    public var numeroAuditoria: String
    public var periodoAuditoria: String
    public var fechaSuscripcion: LocalDate?
    public var origen: PlanOrigin
    public var estado: PlanStatus
    public var metodo: AggregationMethod
    public var hallazgos: [FindingSnapshot]
    public var seguimientos: [RoundSnapshot]
    public var controlDeCambios: [ChangeLogSnapshot]
    public var firmas: [SignatureSnapshot]

    public init(id: UUID? = nil, formato: FormatHeader = .init(), unidadAuditable: String = "",
                numeroAuditoria: String = "", periodoAuditoria: String = "", fechaSuscripcion: LocalDate? = nil,
                origen: PlanOrigin = .auditoriaInterna, estado: PlanStatus = .formulacion,
                metodo: AggregationMethod = .mean, hallazgos: [FindingSnapshot] = [],
                seguimientos: [RoundSnapshot] = [], controlDeCambios: [ChangeLogSnapshot] = [],
                firmas: [SignatureSnapshot] = []) {
        self.id = id; self.formato = formato; self.unidadAuditable = unidadAuditable
        self.numeroAuditoria = numeroAuditoria; self.periodoAuditoria = periodoAuditoria
        self.fechaSuscripcion = fechaSuscripcion; self.origen = origen; self.estado = estado
        self.metodo = metodo; self.hallazgos = hallazgos; self.seguimientos = seguimientos
        self.controlDeCambios = controlDeCambios; self.firmas = firmas
    }

    public var actionCount: Int { hallazgos.reduce(0) { $0 + $1.acciones.count } }
}

public struct FindingSnapshot: Codable, Sendable, Equatable {
    public var id: UUID?
    public var numero: Int
    public var descripcion: String
    public var causa: String
    public var efecto: String
    public var criterio: String
    /// The finding's code in the control body's report (the CGR's, for SIRECI's F14.1); nil or empty: its number stands for it.
    public var codigo: String?
    public var acciones: [ActionSnapshot]
    /// The OCI's reviews of eficacia and efectividad (nil or empty: none); `reviews` sorts them.
    public var revisiones: [FindingReviewSnapshot]?

    public init(id: UUID? = nil, numero: Int, descripcion: String, causa: String = "", efecto: String = "",
                criterio: String = "", codigo: String? = nil, acciones: [ActionSnapshot] = [], revisiones: [FindingReviewSnapshot]? = nil) {
        self.id = id; self.numero = numero; self.descripcion = descripcion; self.causa = causa
        self.efecto = efecto; self.criterio = criterio; self.codigo = codigo; self.acciones = acciones; self.revisiones = revisiones
    }
}

public struct ActionSnapshot: Codable, Sendable, Equatable {
    public var id: UUID?
    public var descripcion: String
    public var tipo: ActionType
    public var responsable: String
    public var dependencias: [String]
    public var fechaInicial: LocalDate?
    public var fechaFinal: LocalDate?
    public var meta: String
    public var metaCantidad: Double?
    public var metaUnidad: String?
    public var indicador: String
    /// What the action seeks (SIRECI's F14.1 «objetivo»); nil or empty when the plan's format has no such column.
    public var objetivo: String?
    /// Proposals to reformulate this action, oldest first, with their decisions (nil: none).
    public var reformulaciones: [ReformulationSnapshot]?
    /// The action this one replaced through an approved reformulation.
    public var reformulaA: UUID?

    public init(id: UUID? = nil, descripcion: String, tipo: ActionType = .correctiva, responsable: String = "",
                dependencias: [String] = [], fechaInicial: LocalDate? = nil, fechaFinal: LocalDate? = nil,
                meta: String = "", metaCantidad: Double? = nil, metaUnidad: String? = nil, indicador: String = "", objetivo: String? = nil,
                reformulaciones: [ReformulationSnapshot]? = nil, reformulaA: UUID? = nil) {
        self.id = id; self.descripcion = descripcion; self.tipo = tipo; self.responsable = responsable
        self.dependencias = dependencias; self.fechaInicial = fechaInicial; self.fechaFinal = fechaFinal
        self.meta = meta; self.metaCantidad = metaCantidad; self.metaUnidad = metaUnidad; self.indicador = indicador; self.objetivo = objetivo
        self.reformulaciones = reformulaciones; self.reformulaA = reformulaA
    }
}

/// An action's place in the plan: finding index and action index, both from 0.
public struct ActionRef: Codable, Sendable, Hashable {
    public var hallazgo: Int
    public var accion: Int
    public init(hallazgo: Int, accion: Int) { self.hallazgo = hallazgo; self.accion = accion }
}

/// One OCI follow-up round (seguimiento N) with its grade of each action.
public struct RoundSnapshot: Codable, Sendable, Equatable {
    public var id: UUID?
    public var numero: Int
    public var fechaCorte: LocalDate?
    public var fechaSeguimiento: LocalDate?
    public var estado: RoundStatus
    /// The closing round: actions not done by then are INCUMPLIDA.
    public var esCierre: Bool
    public var calificaciones: [GradeSnapshot]
    public var hallazgos: [FindingGradeSnapshot]

    public init(id: UUID? = nil, numero: Int, fechaCorte: LocalDate? = nil, fechaSeguimiento: LocalDate? = nil,
                estado: RoundStatus = .borrador, esCierre: Bool = false,
                calificaciones: [GradeSnapshot] = [], hallazgos: [FindingGradeSnapshot] = []) {
        self.id = id; self.numero = numero; self.fechaCorte = fechaCorte; self.fechaSeguimiento = fechaSeguimiento
        self.estado = estado; self.esCierre = esCierre; self.calificaciones = calificaciones; self.hallazgos = hallazgos
    }

    public func grade(for ref: ActionRef) -> GradeSnapshot? {
        calificaciones.first { $0.accion == ref }
    }

    public func findingGrade(for index: Int) -> FindingGradeSnapshot? {
        hallazgos.first { $0.hallazgo == index }
    }
}

/// The OCI's grade of one action in one round. `estado` is the OCI's override of the
/// suggested state; it is kept with its justification.
public struct GradeSnapshot: Codable, Sendable, Equatable {
    public var accion: ActionRef
    public var porcentaje: Double?
    public var evidencias: String
    public var observaciones: String
    public var estado: ActionState?
    public var justificacion: String

    public init(accion: ActionRef, porcentaje: Double? = nil, evidencias: String = "", observaciones: String = "",
                estado: ActionState? = nil, justificacion: String = "") {
        self.accion = accion; self.porcentaje = porcentaje; self.evidencias = evidencias
        self.observaciones = observaciones; self.estado = estado; self.justificacion = justificacion
    }
}

/// The OCI's override of a finding's state in one round, with its justification.
public struct FindingGradeSnapshot: Codable, Sendable, Equatable {
    public var hallazgo: Int
    public var estado: FindingState?
    public var justificacion: String

    public init(hallazgo: Int, estado: FindingState? = nil, justificacion: String = "") {
        self.hallazgo = hallazgo; self.estado = estado; self.justificacion = justificacion
    }
}

public struct ChangeLogSnapshot: Codable, Sendable, Equatable {
    public var revision: String
    public var descripcion: String
    public var fechaAprobacion: LocalDate?
    public var version: String

    public init(revision: String, descripcion: String, fechaAprobacion: LocalDate?, version: String) {
        self.revision = revision; self.descripcion = descripcion
        self.fechaAprobacion = fechaAprobacion; self.version = version
    }
}

public struct SignatureSnapshot: Codable, Sendable, Equatable {
    public var rol: SignatureRole
    public var nombre: String
    public var cargo: String

    public init(rol: SignatureRole, nombre: String, cargo: String) {
        self.rol = rol; self.nombre = nombre; self.cargo = cargo
    }
}

extension ChangeLogSnapshot {
    /// The control de cambios block as the official formats title it, with each column's share
    /// of the width: the one source for the page, the XLSX and the PDF.
    public static let title = "CONTROL DE CAMBIOS"
    public static let columns: [(title: String, width: Double)] = [
        ("No. REVISIÓN", 12), ("DESCRIPCIÓN DE LA MODIFICACIÓN", 70), ("FECHA DE APROBACIÓN", 16), ("VERSIÓN ACTUALIZADA", 16),
    ]

    /// The entry's cells, in the columns' order.
    public var cells: [String] { [revision, descripcion, fechaAprobacion?.dayFirst ?? "", version] }
}
