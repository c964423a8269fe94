import Fluent
import Vapor
import VigiaCore

/// Control de cambios and signatures of a plan: recorded by the OCI.
enum PlanRecordsController {
    struct ChangeForm: Content {
        var revision: String
        var descripcion: String
        var fechaAprobacion: String?
        var version: String
    }

    @Sendable static func addChange(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let form = try req.content.decode(ChangeForm.self)
        let date = (form.fechaAprobacion ?? "").trimmed.isEmpty ? nil : LocalDate(dayFirst: form.fechaAprobacion!)
        if form.revision.trimmed.isEmpty || form.descripcion.trimmed.isEmpty || form.version.trimmed.isEmpty {
            throw Abort(.unprocessableEntity, reason: "Control de cambios: escriba el número de revisión, la descripción y la versión.")
        }
        if !(form.fechaAprobacion ?? "").trimmed.isEmpty && date == nil {
            throw Abort(.unprocessableEntity, reason: "Control de cambios: la fecha de aprobación «\(form.fechaAprobacion!)» no es válida (dd/mm/aaaa).")
        }
        let entry = ChangeLogEntry(entityID: user.entityID, planID: try plan.requireID(), entry: ChangeLogSnapshot(
            revision: form.revision.trimmed, descripcion: form.descripcion.trimmed, fechaAprobacion: date, version: form.version.trimmed))
        try await req.db.transaction { db in
            try await entry.create(on: db)
            try await AuditLog.record("Registró la revisión \(entry.revision) en el control de cambios", by: Actor(user),
                                      entityID: user.entityID, objectType: "control de cambios", objectID: entry.id, planID: plan.id,
                                      changes: [FieldChange(field: "descripción", old: nil, new: entry.descripcion)], on: db)
        }
        req.flash("Cambio registrado en el control de cambios.")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }

    @Sendable static func saveSignatures(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let planID = try plan.requireID()
        let fields = try req.content.decode([String: String].self)
        try await req.db.transaction { db in
            let existing = try await Signature.query(on: db).filter(\.$plan.$id == planID).all()
            for role in SignatureRole.allCases {
                let name = (fields["\(role.rawValue)_nombre"] ?? "").trimmed
                let cargo = (fields["\(role.rawValue)_cargo"] ?? "").trimmed
                let current = existing.first { $0.rol == role }
                let changes = AuditLog.diff([("\(role.label): nombre", current?.nombre, name.isEmpty ? nil : name),
                                             ("\(role.label): cargo", current?.cargo, cargo.isEmpty ? nil : cargo)])
                guard !changes.isEmpty else { continue }
                if name.isEmpty && cargo.isEmpty {
                    try await current?.delete(on: db)
                } else {
                    let sig = current ?? Signature(entityID: user.entityID, planID: planID,
                                                   signature: SignatureSnapshot(rol: role, nombre: "", cargo: ""))
                    sig.nombre = name
                    sig.cargo = cargo
                    try await sig.save(on: db)
                }
                try await AuditLog.record("Actualizó la firma «\(role.label)»", by: Actor(user), entityID: user.entityID,
                                          objectType: "firma", objectID: current?.id, planID: planID, changes: changes, on: db)
            }
        }
        req.flash("Firmas guardadas.")
        return req.redirect(to: SiteURL.plan(.value(planID)).path)
    }
}
