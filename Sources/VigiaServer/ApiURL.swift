import Foundation
import Vapor

/// The JSON API, versioned.
enum ApiURL: Sendable {
    case plans
    case openAPI
    case plan(Parameter<UUID>)
    case findings(Parameter<UUID>)
    case finding(Parameter<UUID>, Parameter<UUID>)
    case actions(Parameter<UUID>, Parameter<UUID>)
    case action(Parameter<UUID>, Parameter<UUID>)
    case rounds(Parameter<UUID>)
    case findingReviews(Parameter<UUID>, Parameter<UUID>)
    case reformulations(Parameter<UUID>, Parameter<UUID>)
    case reformulationDecision(Parameter<UUID>, Parameter<UUID>)
    case round(Parameter<UUID>, Parameter<Int>)
    case programs
    case program(Parameter<UUID>)
    case riskMaps
    case riskMap(Parameter<UUID>)
    case risks(Parameter<UUID>)
    case apiRisk(Parameter<UUID>, Parameter<Int>)
    case riskItems(Parameter<UUID>, Parameter<Int>, RiskItemKind)
    case apiRiskItem(Parameter<UUID>, Parameter<Int>, RiskItemKind, Parameter<Int>)
    case riskMapFollowUp(Parameter<UUID>, Parameter<Int>)
    case programFollowUp(Parameter<UUID>, Parameter<Int>)
    case programMonitoring(Parameter<UUID>, Parameter<Int>)
    case programPeriod(Parameter<UUID>, Parameter<Int>)
    case programStatus(Parameter<UUID>)
    case programActivities(Parameter<UUID>, Parameter<Int>)
    case programActivity(Parameter<UUID>, Parameter<UUID>)
    case programSubitems(Parameter<UUID>, Parameter<UUID>)
    case planExport(Parameter<UUID>, Parameter<String>)
    case programExport(Parameter<UUID>, Parameter<Int>, Parameter<String>)

    var path: String { "/" + pathComponents.map(\.description).joined(separator: "/") }

    var pathComponents: [PathComponent] {
        let parts: [String]
        switch self {
        case .programs: parts = ["programs"]
        case .riskMaps: parts = ["risk-maps"]
        case .riskMap(let m): parts = ["risk-maps", m.component("map")]
        case .risks(let m): parts = ["risk-maps", m.component("map"), "risks"]
        case .apiRisk(let m, let n): parts = ["risk-maps", m.component("map"), "risks", n.component("numero")]
        case .riskItems(let m, let n, let kind): parts = ["risk-maps", m.component("map"), "risks", n.component("numero"), kind.apiName]
        case .apiRiskItem(let m, let n, let kind, let k): parts = ["risk-maps", m.component("map"), "risks", n.component("numero"), kind.apiName, k.component("posicion")]
        case .riskMapFollowUp(let m, let p): parts = ["risk-maps", m.component("map"), "periods", p.component("periodo"), "seguimiento"]
        case .planExport(let p, let f): parts = ["plans", p.component("plan"), "export", f.component("formato")]
        case .programExport(let p, let n, let f): parts = ["programs", p.component("program"), "periods", n.component("numero"), "export", f.component("formato")]
        case .program(let p): parts = ["programs", p.component("program")]
        case .programFollowUp(let p, let n): parts = ["programs", p.component("program"), "periods", n.component("numero"), "seguimiento"]
        case .programMonitoring(let p, let n): parts = ["programs", p.component("program"), "periods", n.component("numero"), "monitoreo"]
        case .programPeriod(let p, let n): parts = ["programs", p.component("program"), "periods", n.component("numero")]
        case .programStatus(let p): parts = ["programs", p.component("program"), "estado"]
        case .programActivities(let p, let c): parts = ["programs", p.component("program"), "components", c.component("numero"), "activities"]
        case .programActivity(let p, let a): parts = ["programs", p.component("program"), "activities", a.component("activity")]
        case .programSubitems(let p, let a): parts = ["programs", p.component("program"), "activities", a.component("activity"), "subitems"]
        case .plans: parts = ["plans"]
        case .openAPI: parts = ["openapi.json"]
        case .plan(let p): parts = ["plans", p.component("plan")]
        case .findings(let p): parts = ["plans", p.component("plan"), "findings"]
        case .finding(let p, let f): parts = ["plans", p.component("plan"), "findings", f.component("finding")]
        case .actions(let p, let f): parts = ["plans", p.component("plan"), "findings", f.component("finding"), "actions"]
        case .action(let p, let a): parts = ["plans", p.component("plan"), "actions", a.component("action")]
        case .rounds(let p): parts = ["plans", p.component("plan"), "rounds"]
        case .findingReviews(let p, let f): parts = ["plans", p.component("plan"), "findings", f.component("finding"), "reviews"]
        case .reformulations(let p, let a): parts = ["plans", p.component("plan"), "actions", a.component("action"), "reformulations"]
        case .reformulationDecision(let p, let r): parts = ["plans", p.component("plan"), "reformulations", r.component("reformulation"), "decision"]
        case .round(let p, let n): parts = ["plans", p.component("plan"), "rounds", n.component("numero")]
        }
        return (["api", "v1"] + parts).map { PathComponent(stringLiteral: $0) }
    }
}
