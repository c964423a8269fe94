import Foundation
import Plot
import VigiaCore

/// The risk's form as typed (every field a string, so a refused form comes back exactly as sent).
struct RiskForm: Codable, Sendable, Equatable {
    var proceso: String?
    var objetivo: String?
    var causasInternas: String?
    var causasExternas: String?
    var riesgo: String?
    var consecuencias: String?
    var probabilidad: String?
    var respuestas: [String]?
    var impacto: String?
    var opcionDeManejo: String?
    var revision: Int?

    init(_ r: Risk?) {
        guard let r else { return }
        proceso = r.proceso; objetivo = r.objetivo; causasInternas = r.causasInternas; causasExternas = r.causasExternas
        riesgo = r.riesgo; consecuencias = r.consecuencias; probabilidad = "\(r.inherente.probabilidad)"
        respuestas = (r.respuestas ?? []).map(String.init); impacto = "\(r.inherente.impacto)"; opcionDeManejo = r.opcionDeManejo?.rawValue
    }

    var input: RiskInput {
        RiskInput(proceso: proceso ?? "", objetivo: objetivo ?? "", causasInternas: causasInternas ?? "", causasExternas: causasExternas ?? "",
                  riesgo: riesgo ?? "", consecuencias: consecuencias ?? "", probabilidad: probabilidad.flatMap { Int($0.trimmed) },
                  respuestas: (respuestas ?? []).compactMap { Int($0.trimmed) }, impacto: impacto.flatMap { Int($0.trimmed) },
                  opcionDeManejo: opcionDeManejo ?? "")
    }
}

/// A risk of a map: its form (texts, probabilidad, the impacto questionnaire, opción de manejo) and,
/// once saved, the inherent and residual ratings the server computed, its controls and its actions.
enum RiskFormView {
    struct Model: Sendable {
        var mapID: UUID
        var map: RiskMap
        var revision: Int
        /// The risk edited; nil for a new one.
        var numero: Int?
        var form: RiskForm
        var errors: [String: String] = [:]

        var stored: Risk? { numero.flatMap { n in map.riesgos.first { $0.numero == n } } }
        var title: String { numero.map { "Riesgo \($0) del mapa \(map.vigencia)" } ?? "Nuevo riesgo del mapa \(map.vigencia)" }
    }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let target = m.numero.map { SiteURL.risk(.value(m.mapID), .value($0)).path } ?? SiteURL.newRisk(.value(m.mapID)).path
        let meth = m.map.metodologia, f = m.form, e = m.errors
        return [
            .h1(.text(m.title)),
            .p(.a(.href(SiteURL.riskMap(.value(m.mapID)).path), .text("← Volver al mapa")), .text(" · Metodología: \(meth.nombre)")),
            .unwrap(m.stored) { ratings($0, meth) },
            FormErrors.summary(e),
            .form(.method(.post), .action(target),
                .csrf(csrf), .input(.type(.hidden), .name("revision"), .value("\(m.revision)")),
                .field("Proceso", name: "proceso", value: f.proceso, required: true, error: e["proceso"]),
                .area("Objetivo del proceso", name: "objetivo", value: f.objetivo, rows: 2),
                .area("Causas internas", name: "causasInternas", value: f.causasInternas, rows: 2),
                .area("Causas externas", name: "causasExternas", value: f.causasExternas, rows: 2),
                .area("Riesgo («Posibilidad de … para beneficio privado o de un tercero»)", name: "riesgo", value: f.riesgo, required: true, rows: 3, error: e["riesgo"]),
                .area("Consecuencias", name: "consecuencias", value: f.consecuencias, rows: 2),
                .choice("Probabilidad (riesgo inherente)", name: "probabilidad",
                        options: [("", "Elija…")] + meth.probabilidades.enumerated().map { ("\($0.offset)", levelLabel($0.element)) },
                        selected: f.probabilidad, error: e["probabilidad"]),
                questionnaire(meth, answered: Set((f.respuestas ?? []).compactMap { Int($0) }), error: e["respuestas"]),
                .choice("Impacto, solo si no responde el cuestionario", name: "impacto",
                        options: [("", "Del cuestionario")] + meth.impactos.enumerated().filter { $0.offset >= meth.impactoMinimo }
                            .map { ("\($0.offset)", levelLabel($0.element)) },
                        selected: (f.respuestas ?? []).isEmpty ? f.impacto : "", error: e["impacto"]),
                .choice("Opción de manejo", name: "opcionDeManejo",
                        options: [("", "Sin definir")] + Treatment.allCases.filter { $0.corruptionRefusal == nil }.map { ($0.rawValue, $0.label) },
                        selected: f.opcionDeManejo, error: e["opcionDeManejo"]),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar riesgo")),
                     .a(.href(SiteURL.riskMap(.value(m.mapID)).path), .text("Cancelar")))),
            .unwrap(m.stored) { items($0, m, csrf: csrf) },
        ]
    }

    static func levelLabel(_ l: RiskMethodology.Level) -> String {
        "\(l.nombre) (\(SpanishFormat.number(l.valor)))" + (l.descripcion.isEmpty ? "" : " — \(l.descripcion)")
    }

    /// The corruption impacto questionnaire: one checkbox per question; the thresholds said once.
    static func questionnaire(_ m: RiskMethodology, answered: Set<Int>, error: String?) -> Node<HTML.FormContext> {
        let steps = m.umbralesImpacto.enumerated().compactMap { k, from -> String? in
            guard m.impactos.indices.contains(m.impactoMinimo + k) else { return nil }
            return "desde \(max(1, from)) «sí»: \(m.impactos[m.impactoMinimo + k].nombre.lowercased())"
        }
        return .fieldset(.class(error == nil ? "questionnaire" : "questionnaire invalid"),
            .element(named: "legend", text: "Impacto: si el riesgo de corrupción se materializa, podría…"),
            .p(.class("hint"), .text("Marque las preguntas cuya respuesta es «sí» (\(steps.joined(separator: "; "))). El servidor calcula el impacto al guardar.")),
            .forEach(Array(m.preguntas.enumerated())) { k, q in
                .div(.input(.type(.checkbox), .name("respuestas[]"), .id("q\(k + 1)"), .value("\(k + 1)"), .checked(answered.contains(k + 1))),
                     .label(.for("q\(k + 1)"), .text(" \(k + 1). \(q)")))
            },
            .unwrap(error) { .small(.class("error"), .text($0)) })
    }

    /// What the server computed on the last save: inherent and residual, and the checks of this risk.
    static func ratings(_ r: Risk, _ m: RiskMethodology) -> Node<HTML.BodyContext> {
        let checks = RiskChecks.run([r.entry], methodology: m)
        return .div(.class("card"),
            .p(.strong("Riesgo inherente: "), .text(m.label(r.inherente)),
               .unwrap(r.respuestasSi) { .text(" (\($0) respuestas «sí» en el cuestionario)") }),
            .p(.strong("Riesgo residual: "), .text(m.label(r.residual(m))),
               .text(r.residualRegistrado == nil ? " — calculado de los controles." : " — el registrado en el mapa importado; cambiará al guardar un control.")),
            .if(!checks.isEmpty, .ul(.forEach(checks) { c in
                .li(.span(.class(c.severidad == .error ? "tag bad" : "tag"), .text(c.severidad == .error ? "Error" : "Advertencia")), .text(" \(c.mensaje)"))
            })))
    }

    static func items(_ r: Risk, _ m: Model, csrf: String) -> Node<HTML.BodyContext> {
        let meth = m.map.metodologia
        func remove(_ kind: RiskItemKind, _ k: Int) -> Node<HTML.BodyContext> {
            .form(.method(.post), .action(SiteURL.deleteRiskItem(.value(m.mapID), .value(r.numero), kind, .value(k)).path), .class("inline"),
                  .csrf(csrf), .input(.type(.hidden), .name("revision"), .value("\(m.revision)")),
                  .button(.type(.submit), .class("link danger"), .text("Eliminar")))
        }
        return .group(
            .section(.h2(.text("Controles")),
                r.controles.isEmpty ? .p(.text("El riesgo no tiene controles: su residual es igual al inherente.")) : .scrollBox("Controles", .table(.class("list"),
                    .thead(.tr(.th("No."), .th("Control"), .th("Tipo"), .th("Implementación"), .th(.text(meth.scoresControls ? "Puntaje" : "Peso")),
                               .th("Evidencia"), .th(.text("")))),
                    .tbody(.forEach(Array(r.controles.enumerated())) { k, c in
                        .tr(.td(.class("num"), .text("\(k + 1)")), .td(.text(c.descripcion)), .td(.text(c.tipo.rawValue)), .td(.text(c.implementacion.rawValue)),
                            .td(.class("num"), .text(meth.weight(of: c).map { SpanishFormat.percent($0) } ?? c.puntaje.map { SpanishFormat.number($0) } ?? "—")),
                            .td(.text(c.evidencia.isEmpty ? "—" : c.evidencia)),
                            .td(.a(.href(SiteURL.riskItem(.value(m.mapID), .value(r.numero), .control, .value(k + 1)).path), .text("Editar")), remove(.control, k + 1)))
                    }))),
                .p(.a(.class("button"), .href(SiteURL.newRiskItem(.value(m.mapID), .value(r.numero), .control).path), .text("Agregar control")))),
            .section(.h2(.text("Acciones")),
                r.acciones.isEmpty ? .p(.text("El riesgo no tiene acciones.")) : .scrollBox("Acciones", .table(.class("list"),
                    .thead(.tr(.th("No."), .th("Acción"), .th("Responsable"), .th("Inicio"), .th("Fin"), .th("Indicador"), .th("Registro"), .th(.text("")))),
                    .tbody(.forEach(Array(r.acciones.enumerated())) { k, a in
                        .tr(.td(.class("num"), .text("\(k + 1)")), .td(.text(a.plan.descripcion)), .td(.text(a.plan.responsable)),
                            .td(.class("nowrap"), .text(a.plan.fechaInicio?.dayFirst ?? "—")), .td(.class("nowrap"), .text(a.plan.fechaFin?.dayFirst ?? "—")),
                            .td(.text(a.plan.indicador)), .td(.text(a.plan.registro)),
                            .td(.a(.href(SiteURL.riskItem(.value(m.mapID), .value(r.numero), .action, .value(k + 1)).path), .text("Editar")),
                                .if(a.seguimientos.isEmpty, remove(.action, k + 1))))
                    }))),
                .p(.a(.class("button"), .href(SiteURL.newRiskItem(.value(m.mapID), .value(r.numero), .action).path), .text("Agregar acción")))),
            .if(!r.acciones.contains { !$0.seguimientos.isEmpty } && r.materializaciones.isEmpty,
                .form(.method(.post), .action(SiteURL.deleteRisk(.value(m.mapID), .value(r.numero)).path),
                      .csrf(csrf), .input(.type(.hidden), .name("revision"), .value("\(m.revision)")),
                      .button(.type(.submit), .class("danger"), .text("Eliminar el riesgo \(r.numero)")))))
    }
}
