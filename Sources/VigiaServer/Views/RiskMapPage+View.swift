import Foundation
import Plot
import VigiaCore

extension RiskMapPage {
    static func listContent(_ rows: [ListRow], canFormulate: Bool) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text("Mapas de riesgos de corrupción")),
            .if(canFormulate, .p(.class("actions-bar"), .a(.class("button"), .href(SiteURL.newRiskMap.path), .text("Nuevo mapa")),
                                 .a(.href(SiteURL.riskMethodologies.path), .text("Metodologías de riesgos")))),
            .p(.class("hint"), .text("Un mapa publicado en Excel se importa con «vigia import risk-map ARCHIVO» (el mapa y, después, el seguimiento de cada cuatrimestre).")),
            rows.isEmpty ? .p(.text("No hay mapas de riesgos registrados.")) : .scrollBox("Mapas por vigencia", .table(.class("list"),
                .caption(.text("Mapas por vigencia")),
                .thead(.tr(.th("Vigencia"), .th("Metodología"), .th("Riesgos"))),
                .tbody(.forEach(rows) { r in
                    .tr(.td(.a(.href(SiteURL.riskMap(.value(r.id)).path), .text("\(r.vigencia)"))), .td(.text(r.methodology)),
                        .td(.class("num"), .text("\(r.risks)")))
                }))),
        ]
    }

    /// A new map: its vigencia and methodology (the entity's copy of one comes later).
    static func newMapContent(vigencia: String, methodology: String, choices: [(value: String, label: String)], errors: [String: String],
                              existing: [ListRow], csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text("Nuevo mapa de riesgos de corrupción")),
            FormErrors.summary(errors),
            .form(.method(.post), .action(SiteURL.newRiskMap.path), .csrf(csrf),
                .field("Vigencia", name: "vigencia", value: vigencia, required: true, error: errors["vigencia"],
                       extra: [.attribute(named: "inputmode", value: "numeric"), .attribute(named: "size", value: "6")]),
                .choice("Metodología", name: "metodologia", options: choices, selected: methodology, error: errors["metodologia"]),
                .p(.class("hint"), .text("El mapa conserva la metodología con que se crea: sus escalas, su matriz de calor y la valoración de los controles. "),
                   .a(.href(SiteURL.riskMethodologies.path), .text("Metodologías de la entidad"))),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Crear mapa")), .a(.href(SiteURL.riskMaps.path), .text("Cancelar")))),
            .if(!existing.isEmpty, .p(.class("hint"), .text("Ya hay mapas de las vigencias \(existing.map { String($0.vigencia) }.joined(separator: ", ")).")))
        ]
    }

    static func content(_ model: Model, canFormulate: Bool = false, canFollowUp: Bool = false) -> [Node<HTML.BodyContext>] {
        let r = model.report, m = model.map.metodologia
        let period = model.map.periodos.first { $0.numero == r.periodo }
        return [
            .h1(.text("\(title) \(r.vigencia)")),
            .p(.text("\(r.entidad) · Metodología: \(m.nombre). "), .span(.class("hint"), .text(m.fuente))),
            .if(canFormulate || canFollowUp, .p(.class("actions-bar"),
                .if(canFormulate, .a(.class("button"), .href(SiteURL.newRisk(.value(model.id)).path), .text("Agregar riesgo"))),
                .if(canFollowUp, .a(.class("button"), .href(SiteURL.riskMapFollowUp(.value(model.id), .value(r.periodo)).path),
                                    .text("Seguimiento de la OCI del \(period?.displayName.lowercased() ?? "periodo")"))))),
            .nav(.class("pager"), .ariaLabel("Periodos"), .text("Seguimiento: "), .forEach(Array(model.map.periodos.enumerated())) { k, p in
                .group(.text(k == 0 ? "" : " · "),
                       p.numero == r.periodo ? .strong(.attribute(named: "aria-current", value: "page"), .text(p.displayName)) : .a(.href(path(model.id, period: p.numero)), .text(p.displayName)))
            }),
            .p(.text("Avance de las acciones al corte \(period?.fechaCorte.dayFirst ?? "") (promedio de los riesgos): "), .ratingZone(r.porcentaje)),
            mineSection(model),
            .p(.text("Documento del seguimiento: "),
               .a(.href(SiteURL.riskMapDocument(.value(model.id), .value("html")).path + "?periodo=\(r.periodo)"), .text("página para imprimir")), .text(" · "),
               .a(.href(SiteURL.riskMapDocument(.value(model.id), .value("xlsx")).path + "?periodo=\(r.periodo)"), .text("XLSX")), .text(" · "),
               .a(.href(SiteURL.riskMapDocument(.value(model.id), .value("pdf")).path + "?periodo=\(r.periodo)"), .text("PDF"))),
            .section(.h2("Mapas de calor"),
                .div(.class("heatmaps"),
                    .div(.class("heatmap"), .h3(.text("Riesgo inherente")), SVGChart.heatMapNode(heatMap(model, residual: false))),
                    .div(.class("heatmap"), .h3(.text("Riesgo residual (después de los controles)")), SVGChart.heatMapNode(heatMap(model, residual: true)))),
                zoneTable(model.map), cellTable(r, m)),
            risksSection(model, canFormulate: canFormulate),
            processTable(model),
            materialised(model.map),
            checks(r.verificaciones),
        ]
    }


    static func heatMap(_ model: Model, residual: Bool) -> HeatMap {
        let id = model.id, period = model.report.periodo
        return HeatMap(id: residual ? "hm-residual" : "hm-inherente", title: residual ? "Riesgo residual" : "Riesgo inherente", methodology: model.map.metodologia,
                       counts: residual ? model.report.mapaDeCalorResidual : model.report.mapaDeCalorInherente,
                       link: { p, i in path(id, period: period, cell: Cell("\(residual ? "residual" : "inherente")-\(p)-\(i)")) })
    }

    /// The heat maps' figures as a table: risks per zone, before and after the controls.
    static func zoneTable(_ map: RiskMap) -> Node<HTML.BodyContext> {
        .scrollBox("Riesgos por zona", .table(.class("list"),
            .caption(.text("Riesgos por zona")),
            .thead(.tr(.th("Zona"), .th("Inherente"), .th("Residual"))),
            .tbody(.forEach(map.risksPerZone) { z in
                .tr(.th(.attribute(named: "scope", value: "row"), .text(z.zone)),
                    .td(.class("num"), .text("\(z.inherent)")), .td(.class("num"), .text("\(z.residual)")))
            })))
    }

    /// Both heat maps cell by cell, as a table (what the SVG draws, for whoever does not see it).
    static func cellTable(_ r: RiskMapReport, _ m: RiskMethodology) -> Node<HTML.BodyContext> {
        func count(_ grid: [[Int]], _ p: Int, _ i: Int) -> Int { grid.indices.contains(p) && grid[p].indices.contains(i) ? grid[p][i] : 0 }
        return .scrollBox("Riesgos por celda", .table(.class("list"),
            .caption(.text("Riesgos por celda: inherente / residual")),
            .thead(.tr(.th("Probabilidad \\ impacto"), .forEach(m.impactos) { .th(.text($0.nombre)) })),
            .tbody(.forEach(Array(m.probabilidades.indices.reversed())) { p in
                .tr(.th(.attribute(named: "scope", value: "row"), .text(m.probabilidades[p].nombre)),
                    .forEach(Array(m.impactos.indices)) { i in
                        .td(.class("num"), .text("\(count(r.mapaDeCalorInherente, p, i)) / \(count(r.mapaDeCalorResidual, p, i)) · \(m.zone(probabilidad: p, impacto: i)?.nombre ?? "")"))
                    })
            })))
    }

    /// The period's % per proceso (the map's method), with how many risks each has.
    static func processTable(_ model: Model) -> Node<HTML.BodyContext> {
        let rows = model.map.percentPerProcess(RiskMapEvaluation(model.map, period: model.report.periodo))
        return .section(.h2(.text("Avance por proceso")), rows.isEmpty ? .p(.text("El mapa no tiene riesgos.")) : .scrollBox("Avance por proceso", .table(.class("list"),
            .thead(.tr(.th("Proceso"), .th("Riesgos"), .th("Avance del periodo"))),
            .tbody(.forEach(rows) { p in
                .tr(.td(.a(.href(path(model.id, period: model.report.periodo) + "&proceso=" + (p.proceso.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "#riesgos"),
                           .text(p.proceso))),
                    .td(.class("num"), .text("\(p.riesgos)")), .td(.ratingZone(p.porcentaje)))
            }))))
    }

    static func risksSection(_ model: Model, canFormulate: Bool) -> Node<HTML.BodyContext> {
        let m = model.map.metodologia, period = model.report.periodo
        let percent = Dictionary(model.report.riesgos.map { ($0.numero, $0.porcentaje) }, uniquingKeysWith: { a, _ in a })
        return .section(.id("riesgos"), .h2(.text("Riesgos")),
            .unwrap(model.process) { p in
                .p(.text("Riesgos del proceso «\(p)»: \(model.shown.count). "), .a(.href(path(model.id, period: period) + "#riesgos"), .text("Ver todos")))
            },
            .unwrap(model.cell) { c in
                .p(.text("Riesgos en la celda \(m.probabilidades.indices.contains(c.probabilidad) ? m.probabilidades[c.probabilidad].nombre : "?") × "
                         + "\(m.impactos.indices.contains(c.impacto) ? m.impactos[c.impacto].nombre : "?") del riesgo \(c.residual ? "residual" : "inherente"): \(model.shown.count). "),
                   .a(.href(path(model.id, period: period) + "#riesgos"), .text("Ver todos")))
            },
            .scrollBox("Riesgos", .table(.class("list"),
                .thead(.tr(.th("No."), .th("Proceso"), .th("Riesgo"), .th("Inherente"), .th("Controles"), .th("Residual"),
                           .th("Opción de manejo"), .th("Acciones y avance del periodo"), .th("% del riesgo"))),
                .tbody(.forEach(model.shown) { r in
                    .tr(.td(.class("num"), canFormulate ? .a(.href(SiteURL.risk(.value(model.id), .value(r.numero)).path), .ariaLabel("Editar el riesgo \(r.numero)"), .text("\(r.numero)"))
                                                        : .text("\(r.numero)")), .td(.text(r.proceso)), .td(.text(r.riesgo)),
                        .td(.class("nowrap"), .text(m.label(r.inherente))),
                        .td(.ul(.forEach(r.controles) { c in .li(.text("\(c.descripcion) (\(c.tipo.rawValue))")) })),
                        .td(.class("nowrap"), .text(m.label(r.residual(m)))),
                        .td(.text(r.opcionDeManejo?.label ?? "—")),
                        .td(.ul(.forEach(Array(r.acciones.enumerated())) { k, a in
                            .li(.text("\(a.plan.descripcion) — \(a.plan.responsable), \(a.plan.fechaInicio?.dayFirst ?? "—") a \(a.plan.fechaFin?.dayFirst ?? "—"): "),
                                .strong(.text(a.followUp(period).map { SpanishFormat.percent($0.porcentaje) } ?? "sin seguimiento")),
                                .unwrap(a.followUp(period).map(\.observaciones).flatMap { $0.isEmpty ? nil : $0 }) { .div(.class("small"), .text($0)) },
                                monitoringLine(model, r.numero, k + 1))
                        })),
                        .td(.ratingZone(percent[r.numero] ?? nil)))
                }))))
    }

    /// A responsable's own actions in the map, with their monitoreo of the period.
    static func mineSection(_ model: Model) -> Node<HTML.BodyContext> {
        let rows = model.map.riesgos.flatMap { r in r.acciones.indices.compactMap { k in model.mine.contains("\(r.numero)-\(k + 1)") ? (r, k + 1) : nil } }
        guard !rows.isEmpty else { return .empty }
        let name = model.map.periodos.first { $0.numero == model.report.periodo }?.displayName.lowercased() ?? ""
        return .section(.class("card"), .h2(.text("Su monitoreo del \(name)")),
            .p(.class("hint"), .text("Acciones del mapa a cargo de su dependencia. Reporte su avance con evidencias antes de que la OCI registre el seguimiento.")),
            .scrollBox("Su monitoreo", .table(.class("list"),
                .thead(.tr(.th("Riesgo"), .th("Acción"), .th("Fin"), .th("Monitoreo"))),
                .tbody(.forEach(rows) { r, k in
                    .tr(.td(.class("num"), .text("\(r.numero)")), .td(.text(r.acciones[k - 1].plan.descripcion)),
                        .td(.class("nowrap"), .text(r.acciones[k - 1].plan.fechaFin?.dayFirst ?? "—")), .td(monitoringLine(model, r.numero, k)))
                }))))
    }

    /// The responsables' monitoreo of one action in the period: what was reported, and the link to report it.
    static func monitoringLine(_ model: Model, _ numero: Int, _ position: Int) -> Node<HTML.BodyContext> {
        let key = "\(numero)-\(position)", report = model.monitoring[key], mine = model.mine.contains(key)
        guard report != nil || mine else { return .empty }
        let link = SiteURL.riskMonitoring(.value(model.id), .value(model.report.periodo), .value(numero), .value(position)).path
        return .div(.class("small"),
            .text(report.map { "Monitoreo: \($0.percent.map { SpanishFormat.percent($0) } ?? "sin %") reportado. " } ?? "Sin monitoreo en el periodo. "),
            .a(.href(link), .text(mine ? (report == nil ? "Reportar monitoreo" : "Ver o completar el monitoreo") : "Ver el monitoreo")))
    }

    static func materialised(_ map: RiskMap) -> Node<HTML.BodyContext> {
        let rows = map.riesgos.flatMap { r in r.materializaciones.filter(\.materializado).map { (r, $0) } }
        let names = Dictionary(map.periodos.map { ($0.numero, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        return .section(.h2(.text("Riesgos materializados")),
            rows.isEmpty ? .p(.text("Ningún riesgo se ha materializado según los seguimientos registrados.")) : .scrollBox("Riesgos materializados", .table(.class("list"),
                .thead(.tr(.th("Periodo"), .th("Riesgo"), .th("Qué pasó y qué se hizo"))),
                .tbody(.forEach(rows) { r, mat in
                    .tr(.td(.text(names[mat.periodo] ?? "\(mat.periodo)")), .td(.text("\(r.numero). \(r.riesgo)")), .td(.text(mat.descripcion)))
                }))))
    }

    static func checks(_ results: [CheckResult]) -> Node<HTML.BodyContext> {
        .section(.h2(.text("Verificaciones")),
            results.isEmpty ? .p(.text("El mapa no tiene observaciones de forma.")) : .ul(.forEach(results) { c in
                .li(.span(.class(c.severidad == .error ? "tag bad" : "tag"), .text(c.severidad == .error ? "Error" : "Advertencia")), .text(" \(c.mensaje)"))
            }))
    }
}
