import Foundation
import VigiaCore

/// The dates of the demo, counted from the day it is loaded, so that a new install shows every
/// feature at work whatever the day: follow-ups graded and published, one publication late,
/// a period still open with business days left, actions cumplidas, atrasadas and about to fall
/// due, autoreportes waiting for the OCI and a reformulation waiting for its decision.
///
/// Months are counted from the first day of today's month (`month(-6)` is six months before it).
struct DemoStory: Sendable {
    let today: LocalDate

    init(today: LocalDate) { self.today = today }

    /// The first day of the month `offset` months from today's.
    func month(_ offset: Int) -> LocalDate {
        LocalDate(year: today.year, month: today.month, day: 1)!.adding(months: offset)
    }

    /// The last day of the month `offset` months from today's.
    func endOfMonth(_ offset: Int) -> LocalDate { month(offset + 1).adding(days: -1) }

    /// The vigencia of the anti-corruption program and the risk map: the year of four months
    /// ago, so that its first cuatrimestre (cut on 30/04) is always cut off already.
    var vigencia: Int { month(-4).year }

    /// The plan was signed ten months ago; every action ends within its twelve months (the
    /// entity's maximum term by default), so the demo raises no warning.
    var suscripcion: LocalDate { month(-10).adding(days: 15) }

    /// Follow-ups 1 and 2 are published; 3 is open, cut at the end of next month.
    struct Round: Sendable {
        let numero: Int
        let corte: LocalDate
        /// The OCI's follow-up date, and the day it published it (nil: still a draft).
        let seguimiento: LocalDate?
        let publicado: LocalDate?
    }

    var rounds: [Round] {
        [Round(numero: 1, corte: endOfMonth(-6), seguimiento: endOfMonth(-6).adding(days: 9), publicado: endOfMonth(-6).adding(days: 10)),
         Round(numero: 2, corte: endOfMonth(-2), seguimiento: endOfMonth(-2).adding(days: 9), publicado: endOfMonth(-2).adding(days: 10)),
         Round(numero: 3, corte: endOfMonth(1), seguimiento: nil, publicado: nil)]
    }

    /// One action of the sample plan: its dates, the OCI's % in follow-ups 1 and 2 (nil: not
    /// graded, it had not started), what the OCI observed, and the responsable's autoreporte
    /// in the open follow-up.
    struct Action: Sendable {
        let inicio: LocalDate
        let fin: LocalDate
        let avance: [Double?]
        let observaciones: [String]
        let autoreporte: (porcentaje: Double, descripcion: String, enlace: String)?
    }

    /// The sample plan's actions, finding by finding (4 findings of 4, 3, 3 and 3 actions): two
    /// CUMPLIDAS, two VENCIDAS at follow-up 2's cut-off, one fallen due since, three about to fall
    /// due with the responsable's autoreporte waiting in follow-up 3, and 4.1 overdue with a
    /// proposal to reformulate it.
    var actions: [[Action]] {
        let soon = today.adding(days: 10)
        let early = month(-9).adding(days: 1)
        func act(_ inicio: LocalDate, _ fin: LocalDate, _ avance: [Double?], _ observaciones: [String],
                 _ autoreporte: (Double, String, String)? = nil) -> Action {
            Action(inicio: inicio, fin: fin, avance: avance, observaciones: observaciones,
                   autoreporte: autoreporte.map { (porcentaje: $0.0, descripcion: $0.1, enlace: $0.2) })
        }
        return [
            [act(early, endOfMonth(1), [10, 75], ["Identificados los registros de las vigencias 2015 a 2020.",
                                                  "Depurado el 75 % de los registros; el resto está en cobro persuasivo."]),
             act(month(-5), endOfMonth(1), [nil, 60], ["", "Primera sesión del comité con fichas presentada; falta la segunda."]),
             act(suscripcion, endOfMonth(-6), [100, 100], ["Reglamento adoptado por decreto y publicado en la sede electrónica.",
                                                           "Cumplida en el seguimiento 1."]),
             act(early, soon, [30, 90], ["3 de 10 conciliaciones firmadas.", "9 de 10 conciliaciones firmadas por Rentas y Contabilidad."],
                 (100, "Las diez conciliaciones firmadas; la de este mes se firmó en el comité de cierre.",
                  "https://intranet.sanisidro.gov.co/hacienda/conciliaciones"))],
            [act(early, endOfMonth(-5), [60, 80], ["31 de 38 cuentas conciliadas dentro del mes.",
                                                   "Quedan 7 cuentas sin conciliar a tiempo y la acción venció: se pide un plan de choque."]),
             act(month(-8), endOfMonth(-4), [20, 100], ["Depuradas 40 de 196 partidas.", "Todas las partidas de más de 180 días depuradas; notas contables verificadas."]),
             act(month(-8), endOfMonth(1), [25, 75], ["Una cuenta cancelada.", "Tres de cuatro cuentas canceladas; certificaciones bancarias verificadas."],
                 (100, "Cancelada la cuarta cuenta inactiva; se adjunta la certificación del banco.",
                  "https://intranet.sanisidro.gov.co/tesoreria/cuentas-canceladas"))],
            [act(early, endOfMonth(-1), [20, 60], ["Borrador del manual en revisión jurídica.", "Manual ajustado; falta su adopción por resolución."]),
             act(month(-8), endOfMonth(1), [10, 70], ["Inventario de expedientes terminado.", "26 de 37 expedientes con actuación impulsada y notificada."]),
             act(month(-8), soon, [33, 66], ["Primer informe trimestral presentado.", "Segundo informe trimestral presentado."],
                 (100, "Tercer informe trimestral de control de términos presentado al Secretario de Hacienda.",
                  "https://intranet.sanisidro.gov.co/rentas/informe-terminos-3"))],
            [act(month(-8), endOfMonth(-3), [15, 50], ["Inicia la foliación.", "La mitad de los expedientes organizados y foliados. Acción vencida."]),
             act(month(-6), endOfMonth(-3), [10, 100], ["Estantería contratada.", "Espacio adecuado con estantería y control de humedad."]),
             act(month(-6), soon, [5, 80], ["Inicia el inventario tributario.", "Inventario tributario actualizado; falta el de cobro coactivo."])],
        ]
    }

    /// The program's and the map's cuatrimestres: whether each is graded and when it was
    /// published (nil: not published). A cuatrimestre is graded once it is cut off; it is published
    /// once its deadline is past: the program's first on time and its second late (the story's late
    /// item), the map's always on time. One whose deadline is still ahead stays open, with
    /// business days left.
    func cuatrimestre(_ p: PeriodSnapshot, late: Bool) -> (graded: Bool, published: LocalDate?) {
        guard p.fechaCorte < today else { return (false, nil) }
        guard p.fechaLimitePublicacion < today else { return (true, nil) }
        let onTime = p.fechaCorte.adding(days: 7)
        // Late: three days after the deadline, or today when that is still ahead.
        return (true, late ? min(p.fechaLimitePublicacion.adding(days: 3), today) : onTime)
    }

    /// The sample files' years (written for 2026) moved to the story's: 2026 becomes `year`,
    /// 2025 and 2027 the years around it. Other years (laws, methodologies) stay.
    static func moving(_ text: String, to year: Int) -> String {
        guard year != 2026 else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var digits = ""
        func flush() {
            switch digits {
            case "2025": out += String(year - 1)
            case "2026": out += String(year)
            case "2027": out += String(year + 1)
            default: out += digits
            }
            digits = ""
        }
        for ch in text {
            if ch.isASCII && ch.isNumber { digits.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return out
    }

    /// 10:00 in Bogotá on `day`: the moment the demo's backdated publications are recorded at.
    static func morning(_ day: LocalDate) -> Date { ColombiaClock.start(of: day).addingTimeInterval(10 * 3600) }
}
