import Foundation
import Vapor

/// A path parameter: `.key` when registering a route, `.value` when building a link.
enum Parameter<T: Sendable & CustomStringConvertible>: Sendable {
    case key
    case value(T)

    func component(_ name: String) -> String {
        switch self {
        case .key: ":\(name)"
        case .value(let v): v.description
        }
    }
}

extension UUID: @retroactive CustomStringConvertible {}

/// Every page of the site, used both to register its route and to build each link,
/// so a stale link fails to compile.
enum SiteURL: Sendable {
    case home
    case login
    case logout
    case forgotPassword
    case setPassword
    case changePassword
    case plans
    case newPlan
    case importPlan
    case plan(Parameter<UUID>)
    case editPlan(Parameter<UUID>)
    case newFinding(Parameter<UUID>)
    case editFinding(Parameter<UUID>, Parameter<UUID>)
    case newAction(Parameter<UUID>, Parameter<UUID>)
    case editAction(Parameter<UUID>, Parameter<UUID>)
    case newRound(Parameter<UUID>)
    case round(Parameter<UUID>, Parameter<Int>)
    case changeLog(Parameter<UUID>)
    case signatures(Parameter<UUID>)
    /// SIRECI's F14.1 of a CGR plan (`?corte=30/06/2026`).
    case planF14(Parameter<UUID>)
    case committeeReport
    case planCommitteeReport(Parameter<UUID>, Parameter<String>)
    case findingReview(Parameter<UUID>, Parameter<UUID>)
    case reformulateAction(Parameter<UUID>, Parameter<UUID>)
    case reformulation(Parameter<UUID>, Parameter<UUID>)
    case programs
    case riskMaps
    case riskMap(Parameter<UUID>)
    case riskMapDocument(Parameter<UUID>, Parameter<String>)
    case newRiskMap
    case riskMethodologies
    case copyRiskMethodology
    case importRiskMethodology
    case riskMethodology(Parameter<String>)
    case riskMethodologyJSON(Parameter<String>)
    case newRisk(Parameter<UUID>)
    case risk(Parameter<UUID>, Parameter<Int>)
    case deleteRisk(Parameter<UUID>, Parameter<Int>)
    /// A control («controles») or an action («acciones») of a risk: new, edited, removed.
    case newRiskItem(Parameter<UUID>, Parameter<Int>, RiskItemKind)
    case riskItem(Parameter<UUID>, Parameter<Int>, RiskItemKind, Parameter<Int>)
    case deleteRiskItem(Parameter<UUID>, Parameter<Int>, RiskItemKind, Parameter<Int>)
    case riskMapFollowUp(Parameter<UUID>, Parameter<Int>)
    case publishRiskMap(Parameter<UUID>, Parameter<Int>)
    /// A responsable's monitoreo of an action (risk number, position) of a map in a period.
    case riskMonitoring(Parameter<UUID>, Parameter<Int>, Parameter<Int>, Parameter<Int>)
    case newProgram
    case importProgram
    case templates
    case inbox
    case monitoringEvidence(Parameter<UUID>, Parameter<Int>, Parameter<UUID>)
    case calendar
    case calendarFeed(Parameter<String>)
    case progressReports(Parameter<UUID>, Parameter<Int>)
    case progressReport(Parameter<UUID>, Parameter<Int>, Parameter<UUID>)
    case evidence(Parameter<UUID>)
    case deleteEvidence(Parameter<UUID>)
    case publishRound(Parameter<UUID>, Parameter<Int>)
    case correctRound(Parameter<UUID>, Parameter<Int>)
    case publishPeriod(Parameter<UUID>, Parameter<Int>)
    case correctPeriod(Parameter<UUID>, Parameter<Int>)
    case transparency
    case transparencyEntity(Parameter<UUID>)
    case publicationFile(Parameter<UUID>, Parameter<String>)
    case verifyHash
    case planDocument(Parameter<UUID>, Parameter<String>)
    case programDocument(Parameter<UUID>, Parameter<Int>, Parameter<String>)
    case editTemplate(Parameter<UUID>)
    case lockouts
    case administration
    case actions
    case entityLogo(Parameter<UUID>)
    case entityLogoUpload
    case entityAudit
    case installation
    case newEntity
    case installEntity(Parameter<UUID>)
    case entitySettings
    case dependencies
    case dependency(Parameter<UUID>)
    case mailSettings
    case users
    case newUser
    case user(Parameter<UUID>)
    case deactivateUser(Parameter<UUID>)
    case reactivateUser(Parameter<UUID>)
    case apiTokens
    case revokeApiToken(Parameter<UUID>)
    case newActivity(Parameter<UUID>, Parameter<Int>)
    case activity(Parameter<UUID>, Parameter<UUID>)
    case newSubitem(Parameter<UUID>, Parameter<UUID>)
    case removeActivity(Parameter<UUID>, Parameter<UUID>)
    case program(Parameter<UUID>)
    case programFollowUp(Parameter<UUID>, Parameter<Int>)
    case programMonitoring(Parameter<UUID>, Parameter<Int>)
    case editPeriod(Parameter<UUID>, Parameter<Int>)
    case programStatus(Parameter<UUID>)
    case stylesheet

    var path: String { "/" + pathComponents.map(\.description).joined(separator: "/") }

    var pathComponents: [PathComponent] {
        let parts: [String]
        switch self {
        case .home: parts = []
        case .login: parts = ["ingresar"]
        case .logout: parts = ["salir"]
        case .forgotPassword: parts = ["clave", "olvido"]
        case .setPassword: parts = ["clave", "nueva"]
        case .changePassword: parts = ["cuenta", "clave"]
        case .plans: parts = ["planes"]
        case .newPlan: parts = ["planes", "nuevo"]
        case .importPlan: parts = ["planes", "importar"]
        case .plan(let p): parts = ["planes", p.component("plan")]
        case .editPlan(let p): parts = ["planes", p.component("plan"), "editar"]
        case .newFinding(let p): parts = ["planes", p.component("plan"), "hallazgos", "nuevo"]
        case .editFinding(let p, let f): parts = ["planes", p.component("plan"), "hallazgos", f.component("finding"), "editar"]
        case .newAction(let p, let f): parts = ["planes", p.component("plan"), "hallazgos", f.component("finding"), "acciones", "nueva"]
        case .editAction(let p, let a): parts = ["planes", p.component("plan"), "acciones", a.component("action"), "editar"]
        case .newRound(let p): parts = ["planes", p.component("plan"), "seguimientos", "nuevo"]
        case .round(let p, let n): parts = ["planes", p.component("plan"), "seguimientos", n.component("numero")]
        case .changeLog(let p): parts = ["planes", p.component("plan"), "control-de-cambios"]
        case .signatures(let p): parts = ["planes", p.component("plan"), "firmas"]
        case .planF14(let p): parts = ["planes", p.component("plan"), "f14"]
        case .committeeReport: parts = ["planes", "comite"]
        case .planCommitteeReport(let p, let f): parts = ["planes", p.component("plan"), "comite", f.component("formato")]
        case .findingReview(let p, let f): parts = ["planes", p.component("plan"), "hallazgos", f.component("finding"), "revision"]
        case .reformulateAction(let p, let a): parts = ["planes", p.component("plan"), "acciones", a.component("action"), "reformular"]
        case .reformulation(let p, let r): parts = ["planes", p.component("plan"), "reformulaciones", r.component("reformulation")]
        case .programs: parts = ["programas"]
        case .riskMaps: parts = ["riesgos"]
        case .riskMap(let m): parts = ["riesgos", m.component("map")]
        case .riskMapDocument(let m, let f): parts = ["riesgos", m.component("map"), "documento", f.component("formato")]
        case .newRiskMap: parts = ["riesgos", "nuevo"]
        case .riskMethodologies: parts = ["riesgos", "metodologias"]
        case .copyRiskMethodology: parts = ["riesgos", "metodologias", "copiar"]
        case .importRiskMethodology: parts = ["riesgos", "metodologias", "importar"]
        case .riskMethodology(let k): parts = ["riesgos", "metodologias", k.component("metodologia")]
        case .riskMethodologyJSON(let k): parts = ["riesgos", "metodologias", k.component("metodologia"), "json"]
        case .newRisk(let m): parts = ["riesgos", m.component("map"), "riesgos", "nuevo"]
        case .risk(let m, let n): parts = ["riesgos", m.component("map"), "riesgos", n.component("numero")]
        case .deleteRisk(let m, let n): parts = ["riesgos", m.component("map"), "riesgos", n.component("numero"), "eliminar"]
        case .newRiskItem(let m, let n, let kind): parts = ["riesgos", m.component("map"), "riesgos", n.component("numero"), kind.rawValue, "nuevo"]
        case .riskItem(let m, let n, let kind, let k): parts = ["riesgos", m.component("map"), "riesgos", n.component("numero"), kind.rawValue, k.component("posicion")]
        case .deleteRiskItem(let m, let n, let kind, let k):
            parts = ["riesgos", m.component("map"), "riesgos", n.component("numero"), kind.rawValue, k.component("posicion"), "eliminar"]
        case .riskMapFollowUp(let m, let p): parts = ["riesgos", m.component("map"), "seguimiento", p.component("periodo")]
        case .publishRiskMap(let m, let p): parts = ["riesgos", m.component("map"), "seguimiento", p.component("periodo"), "publicar"]
        case .riskMonitoring(let m, let p, let n, let k):
            parts = ["riesgos", m.component("map"), "periodos", p.component("periodo"), "riesgos", n.component("numero"), "acciones", k.component("posicion"), "reporte"]
        case .importProgram: parts = ["programas", "importar"]
        case .newProgram: parts = ["programas", "nuevo"]
        case .templates: parts = ["plantillas"]
        case .inbox: parts = ["notificaciones"]
        case .monitoringEvidence(let p, let n, let a): parts = ["programas", p.component("program"), "periodos", n.component("numero"), "actividades", a.component("activity"), "evidencias"]
        case .calendar: parts = ["calendario"]
        case .calendarFeed(let t): parts = ["ical", t.component("token")]
        case .progressReports(let p, let n): parts = ["planes", p.component("plan"), "seguimientos", n.component("numero"), "autoreportes"]
        case .progressReport(let p, let n, let a): parts = ["planes", p.component("plan"), "seguimientos", n.component("numero"), "acciones", a.component("action"), "autoreporte"]
        case .evidence(let e): parts = ["evidencias", e.component("evidence")]
        case .deleteEvidence(let e): parts = ["evidencias", e.component("evidence"), "eliminar"]
        case .publishRound(let p, let n): parts = ["planes", p.component("plan"), "seguimientos", n.component("numero"), "publicar"]
        case .correctRound(let p, let n): parts = ["planes", p.component("plan"), "seguimientos", n.component("numero"), "corregir"]
        case .publishPeriod(let p, let n): parts = ["programas", p.component("program"), "periodos", n.component("numero"), "publicar"]
        case .correctPeriod(let p, let n): parts = ["programas", p.component("program"), "periodos", n.component("numero"), "corregir"]
        case .transparency: parts = ["transparencia"]
        case .transparencyEntity(let e): parts = ["transparencia", e.component("entity")]
        case .publicationFile(let p, let f): parts = ["transparencia", "publicaciones", p.component("publication"), f.component("formato")]
        case .verifyHash: parts = ["transparencia", "verificar"]
        case .planDocument(let p, let f): parts = ["planes", p.component("plan"), "documento", f.component("formato")]
        case .programDocument(let p, let n, let f): parts = ["programas", p.component("program"), "periodos", n.component("numero"), "documento", f.component("formato")]
        case .editTemplate(let t): parts = ["plantillas", t.component("template")]
        case .lockouts: parts = ["administracion", "bloqueos"]
        case .administration: parts = ["administracion"]
        case .actions: parts = ["acciones"]
        case .entityLogo(let e): parts = ["logos", e.component("entity")]
        case .entityLogoUpload: parts = ["administracion", "entidad", "logo"]
        case .entityAudit: parts = ["auditoria"]
        case .installation: parts = ["instalacion"]
        case .newEntity: parts = ["instalacion", "entidades", "nueva"]
        case .installEntity(let e): parts = ["instalacion", "entidades", e.component("entity")]
        case .entitySettings: parts = ["administracion", "entidad"]
        case .dependencies: parts = ["administracion", "dependencias"]
        case .dependency(let d): parts = ["administracion", "dependencias", d.component("dependency")]
        case .mailSettings: parts = ["administracion", "correo"]
        case .users: parts = ["administracion", "usuarios"]
        case .newUser: parts = ["administracion", "usuarios", "nuevo"]
        case .user(let u): parts = ["administracion", "usuarios", u.component("user")]
        case .deactivateUser(let u): parts = ["administracion", "usuarios", u.component("user"), "desactivar"]
        case .reactivateUser(let u): parts = ["administracion", "usuarios", u.component("user"), "reactivar"]
        case .apiTokens: parts = ["cuenta", "tokens"]
        case .revokeApiToken(let t): parts = ["cuenta", "tokens", t.component("token"), "revocar"]
        case .newActivity(let p, let c): parts = ["programas", p.component("program"), "componentes", c.component("numero"), "actividades", "nueva"]
        case .activity(let p, let a): parts = ["programas", p.component("program"), "actividades", a.component("activity")]
        case .newSubitem(let p, let a): parts = ["programas", p.component("program"), "actividades", a.component("activity"), "subactividades", "nueva"]
        case .removeActivity(let p, let a): parts = ["programas", p.component("program"), "actividades", a.component("activity"), "eliminar"]
        case .program(let p): parts = ["programas", p.component("program")]
        case .programFollowUp(let p, let n): parts = ["programas", p.component("program"), "periodos", n.component("numero"), "seguimiento"]
        case .programMonitoring(let p, let n): parts = ["programas", p.component("program"), "periodos", n.component("numero"), "monitoreo"]
        case .editPeriod(let p, let n): parts = ["programas", p.component("program"), "periodos", n.component("numero"), "fechas"]
        case .programStatus(let p): parts = ["programas", p.component("program"), "estado"]
        case .stylesheet: parts = ["css", "vigia.css"]
        }
        return parts.map { PathComponent(stringLiteral: $0) }
    }
}

extension Request {
    func uuidParameter(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw Abort(.notFound, reason: "La dirección no corresponde a ningún registro.")
        }
        return id
    }

    /// A number in the path (a position, a period, a round): 0 to 999,999, else 404, so no later
    /// arithmetic (`position - 1`) can overflow on `Int.min`.
    func intParameter(_ name: String) throws -> Int {
        guard let text = parameters.get(name), let n = Int(text), (0...999_999).contains(n) else {
            throw Abort(.notFound, reason: "La dirección no corresponde a ningún registro.")
        }
        return n
    }
}

/// The two lists inside a risk that the forms and the API edit item by item.
enum RiskItemKind: String, Sendable, CaseIterable {
    case control = "controles"
    case action = "acciones"

    var apiName: String { self == .control ? "controls" : "actions" }
    /// "el control 2", "la acción 1".
    func named(_ position: Int) -> String { self == .control ? "el control \(position)" : "la acción \(position)" }
}
