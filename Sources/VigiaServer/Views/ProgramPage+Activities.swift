import Foundation
import Plot
import VigiaCore

/// One table per component: each activity (and its sub-items) with its % in every period,
/// the OCI's seguimiento and the responsable's monitoreo of the period shown.
extension ProgramPage.View {
    static func componentTable(_ c: ComponentSnapshot, _ m: ProgramPage.Model) -> Node<HTML.BodyContext> {
        let p = m.program
        return .section(.h2(.text("Componente \(c.numero): \(c.nombre)")),
            .if(c.numero == 1, riskMapLine(m)),
            .if(m.canFormulate, .p(.class("noprint"), .a(.href(SiteURL.newActivity(.value(m.id), .value(c.numero)).path), .text("+ Agregar actividad")))),
            .scrollBox("Actividades del componente \(c.numero)", .table(.class("b007"),
                .thead(.tr(.th("Subcomponente"), .th("Actividad"), .th("Meta o producto"), .th("Responsables"), .th("Fecha programada"),
                           .forEach(p.periodos) { .th(.text("% \($0.nombre.capitalized)")) },
                           .th(.text("Seguimiento OCI (periodo \(m.period))")), .th(.text("Monitoreo del responsable (periodo \(m.period))")))),
                .tbody(.forEach(c.actividades) { a in activityRows(a, m, sub: false) }))))
    }

    /// Component 1 is the corruption risk map: its actions' % at the period's cut-off, and a link to it.
    static func riskMapLine(_ m: ProgramPage.Model) -> Node<HTML.BodyContext> {
        guard let r = m.riskMap else {
            return .p(.class("hint noprint"), .text("No hay un mapa de riesgos de corrupción \(m.program.vigencia) con este corte en Vigía; "),
                      .a(.href(SiteURL.riskMaps.path), .text("ver los mapas")), .text("."))
        }
        return .p(.text("Mapa de riesgos de corrupción \(r.vigencia) (\(r.riesgos) riesgos) · avance de sus acciones al corte \(r.fechaCorte.dayFirst): "),
                  .ratingZone(r.porcentaje), .text(" "), .a(.href(RiskMapPage.path(r.id, period: r.periodo)), .text("Ver el mapa y su seguimiento")))
    }

    static func activityRows(_ a: ActivitySnapshot, _ m: ProgramPage.Model, sub: Bool) -> Node<HTML.TableContext> {
        let f = a.followUp(m.period), mon = a.monitoring(m.period)
        let links: Node<HTML.BodyContext> = .forEach(f?.evidencias ?? []) { .div(.class("small"), .link($0, $0)) }
        return .group(
            .tr(.td(.class("c0"), .text(sub ? "" : a.subcomponente)),   // c0: the column kept in view while the box scrolls
                .td(.text((sub ? "• " : "") + a.actividad), .if(m.mine.contains(a.id ?? UUID()), .span(.class("tag"), .text(" su dependencia"))),
                    .unwrap(m.riskMap.flatMap { r in a.id.flatMap { r.actionsByActivity[$0] }.map { (r, $0) } }) { r, lines in
                        .div(.class("small"), .a(.href(RiskMapPage.path(r.id, period: r.periodo) + "#riesgos"), .text("Mapa de riesgos")), .text(": " + lines.joined(separator: "; ")))
                    },
                    .if(m.canFormulate, .unwrap(a.id) { id in
                        .div(.class("small noprint"), .a(.href(SiteURL.activity(.value(m.id), .value(id)).path), .text("Editar")),
                             .if(!sub, .group(.text(" · "), .a(.href(SiteURL.newSubitem(.value(m.id), .value(id)).path), .text("+ Subactividad")))))
                    })),
                .td(.text(a.meta)), .td(.text(a.responsables)), .td(.class("nowrap"), .text(a.fechaProgramada?.description ?? "")),
                .forEach(m.program.periodos) { per in
                    let v = ProgramEvaluator.percent(of: a, period: per.numero)
                    let na = a.subitems.isEmpty && a.followUp(per.numero)?.noAplica == true
                    return .td(.class("num"), .text(na ? "N/A" : SpanishFormat.percent(v)))
                },
                .td(.class("oci"), .text(f?.seguimiento ?? ""), links),
                .td(.text(mon.map { ($0.noAplica ? "N/A · " : $0.porcentaje.map { SpanishFormat.percent($0) + " · " } ?? "") + $0.seguimiento } ?? ""))),
            .forEach(a.subitems) { activityRows($0, m, sub: true) })
    }
}
