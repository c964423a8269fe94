import Fluent
import Vapor
import VigiaCore

/// A public body (tenant). Everything that belongs to it carries `entity_id`.
final class Entity: Model, @unchecked Sendable {
    static let schema = "entities"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "nit") var nit: String
    // The format header block, configuration of the entity.
    @Field(key: "format_proceso") var formatProceso: String
    @Field(key: "format_nombre") var formatNombre: String
    @Field(key: "format_codigo") var formatCodigo: String
    @Field(key: "format_version") var formatVersion: String
    @Field(key: "format_fecha") var formatFecha: String
    @Field(key: "format_consecutivo") var formatConsecutivo: String
    /// Maximum term of a plan, in months after its subscription (for the checks).
    @OptionalField(key: "max_plan_months") var maxPlanMonths: Int?
    /// Days before a deadline at which reminders go out, e.g. "15,5" (nil: the default 15 and 5).
    @OptionalField(key: "reminder_days") var reminderDays: String?
    /// The semáforo: below `zoneLowBelow` baja, from `zoneHighFrom` alta (the domain's 60 and 80 by default).
    @Field(key: "zone_low_below") var zoneLowBelow: Double
    @Field(key: "zone_high_from") var zoneHighFrom: Double
    /// How often the program's seguimiento is published: "cuatrimestral" or "semestral" (new programs' periods).
    @Field(key: "periodicity") var periodicity: String
    /// Who approves reformulations of actions: the OCI or the comité (recorded by the OCI with its acta);
    /// nil (rows and backups from before the setting) means the OCI.
    @OptionalEnum(key: "reformulation_approver") var storedApprover: ReformulationApprover?

    var reformulationApprover: ReformulationApprover {
        get { storedApprover ?? .oci }
        set { storedApprover = newValue }
    }
    /// A PNG shown in the header of the entity's documents (HTML, XLSX, PDF); nil for none.
    @OptionalField(key: "logo_png") var logoPNG: Data?
    /// The install's own home for superadministradores: no plans, listed nowhere.
    @Field(key: "install") var install: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, nit: String, format: FormatHeader, maxPlanMonths: Int? = 12) {
        self.id = id
        self.name = name
        self.nit = nit
        self.maxPlanMonths = maxPlanMonths
        self.zoneLowBelow = 60
        self.zoneHighFrom = 80
        self.periodicity = "cuatrimestral"
        self.reformulationApprover = .oci
        self.install = false
        self.format = format
    }

    var zones: RatingZoneLimits { RatingZoneLimits(lowBelow: zoneLowBelow, highFrom: zoneHighFrom) }

    /// The days before a deadline at which reminders go out (the default 15 and 5 when unset).
    var reminderSettings: ReminderSettings {
        ReminderSettings(daysBefore: reminderDays.flatMap { try? EntityRules.reminderDays($0).get() } ?? ReminderSettings().daysBefore)
    }

    var format: FormatHeader {
        get {
            FormatHeader(entidad: name, proceso: formatProceso, nombreFormato: formatNombre, codigo: formatCodigo,
                         version: formatVersion, fecha: formatFecha, consecutivo: formatConsecutivo)
        }
        set {
            formatProceso = newValue.proceso; formatNombre = newValue.nombreFormato; formatCodigo = newValue.codigo
            formatVersion = newValue.version; formatFecha = newValue.fecha; formatConsecutivo = newValue.consecutivo
        }
    }
}
