import Foundation
import Plot
import VigiaCore

/// A program period's dates: cut-off, publication deadline, and the monitoreo window.
enum PeriodFormView {
    struct Model: Sendable {
        var programID: UUID
        var vigencia: Int
        var numero: Int
        var nombre: String
        var published: Bool
        var form: ProgramPeriodController.PeriodForm
        var errors: [String: String] = [:]
    }

    static let title = "Fechas del periodo"

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let form = m.form, errors = m.errors
        let back = SiteURL.program(.value(m.programID)).path(with: .period(m.numero))
        guard !m.published else {
            return [.h1(.text("Fechas del \(m.nombre.lowercased()) · programa \(m.vigencia)")),
                    .p(.class("flash"), .attribute(named: "role", value: "status"),
                       .text("Este periodo está publicado: sus fechas ya no se modifican. Ábralo como corrección para cambiarlas.")),
                    .p(.a(.href(back), .text("Volver al programa")))]
        }
        return [.h1(.text("Fechas del \(m.nombre.lowercased()) · programa \(m.vigencia)")),
            FormErrors.summary(errors),
            .form(.method(.post), .action(SiteURL.editPeriod(.value(m.programID), .value(m.numero)).path),
                .csrf(csrf),
                .div(.class("grid2"),
                    .field("Fecha de corte", name: "fechaCorte", value: form.fechaCorte, type: .date, required: true, error: errors["fechaCorte"]),
                    .field("Fecha límite de publicación", name: "fechaLimitePublicacion", value: form.fechaLimitePublicacion, type: .date, required: true,
                           hint: "Por norma, el 10.º día hábil del mes siguiente al corte.", error: errors["fechaLimitePublicacion"])),
                .fieldset(.element(named: "legend", text: "Ventana de monitoreo de los responsables (opcional)"),
                    .p(.class("small"), .text("Fuera de estas fechas los responsables no pueden registrar ni cambiar su monitoreo ni sus archivos.")),
                    .div(.class("grid2"),
                        .field("Desde", name: "monitoreoDesde", value: form.monitoreoDesde ?? "", type: .date, error: errors["monitoreoDesde"]),
                        .field("Hasta", name: "monitoreoHasta", value: form.monitoreoHasta ?? "", type: .date, error: errors["monitoreoHasta"]))),
                .div(.class("actions-bar"), .button(.type(.submit), .text("Guardar")), .a(.href(back), .text("Cancelar")))),
        ]
    }
}
