import Fluent
import Vapor
import VigiaCore

/// `/api/v1`: the same plans, rules and roles as the pages, as JSON.
enum ApiController {
    struct PlanSummary: Content {
        var id: UUID
        var unidadAuditable: String
        var numeroAuditoria: String
        var estado: PlanStatus
        var hallazgos: Int
        var acciones: Int
        var seguimiento: Int?
        var porcentaje: Double?
        var semaforo: TrafficLight
    }

    @Sendable static func listPlans(req: Request) async throws -> [PlanSummary] {
        let user = try req.requireUser()
        var out: [PlanSummary] = []
        for plan in try await Access.plans(for: user, on: req.db) {
            let s = try await PlanStore.snapshot(of: plan, on: req.db)
            let e = PlanEvaluator.evaluate(s)
            out.append(PlanSummary(id: s.id!, unidadAuditable: s.unidadAuditable, numeroAuditoria: s.numeroAuditoria,
                                   estado: s.estado, hallazgos: s.hallazgos.count, acciones: s.actionCount,
                                   seguimiento: e.numero, porcentaje: e.plan.porcentaje, semaforo: e.semaforo))
        }
        return out
    }

    @Sendable static func getPlan(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        let round: Int? = req.query["seguimiento"]
        return try await document(plan, round: round, req: req)
    }

    static func document(_ plan: ImprovementPlan, round: Int?, req: Request, status: HTTPStatus = .ok) async throws -> Response {
        let snap = try await PlanStore.snapshot(of: plan, on: req.db)
        if let round, !snap.seguimientos.contains(where: { $0.numero == round }) {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(round).")
        }
        let entity = try await Entity.find(plan.$entity.id, on: req.db)
        let doc = PlanDocument(plan: snap, round: round, settings: CheckSettings(maxPlanMonths: entity?.maxPlanMonths))
        let res = Response(status: status, body: .init(data: try PlanDocument.encoder.encode(doc)))
        res.headers.contentType = .json
        return res
    }

    /// A whole plan in one call (the `plan` part of the document). OCI and administrador only.
    @Sendable static func createPlan(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireCreatePlan(user)
        var snap = try req.content.decode(PlanSnapshot.self)
        snap.id = nil
        for f in snap.hallazgos where f.descripcion.trimmed.isEmpty {
            throw Abort(.unprocessableEntity, reason: "Hallazgo \(f.numero): falta la descripción.")
        }
        if Set(snap.hallazgos.map(\.numero)).count != snap.hallazgos.count {
            throw Abort(.unprocessableEntity, reason: "Hay números de hallazgo repetidos.")
        }
        for r in snap.seguimientos {
            for g in r.calificaciones {
                if let p = g.porcentaje, !(0...100).contains(p) {
                    throw Abort(.unprocessableEntity, reason: "Seguimiento \(r.numero), hallazgo \(g.accion.hallazgo + 1), acción \(g.accion.accion + 1): el % de avance debe estar entre 0 y 100.")
                }
            }
        }
        let input = snap
        let plan = try await req.db.transaction { db in
            try await PlanStore.create(input, entityID: user.entityID, by: Actor(user), summary: "Creó el plan por la API", on: db)
        }
        return try await document(plan, round: nil, req: req, status: .created)
    }

    struct PlanPatch: Content {
        var unidadAuditable: String?
        var numeroAuditoria: String?
        var periodoAuditoria: String?
        var fechaSuscripcion: LocalDate?
        var origen: PlanOrigin?
        var estado: PlanStatus?
        var metodo: AggregationMethod?
    }

    @Sendable static func updatePlan(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let patch = try req.content.decode(PlanPatch.self)
        if user.role == .responsable, let estado = patch.estado, estado != plan.estado {
            throw Abort(.forbidden, reason: "El estado del plan lo cambia la Oficina de Control Interno.")
        }
        var form = PlanForm(plan)
        if let v = patch.unidadAuditable { form.unidadAuditable = v }
        if let v = patch.numeroAuditoria { form.numeroAuditoria = v }
        if let v = patch.periodoAuditoria { form.periodoAuditoria = v }
        if let v = patch.fechaSuscripcion { form.fechaSuscripcion = v.iso }
        if let v = patch.origen { form.origen = v.rawValue }
        if let v = patch.estado { form.estado = v.rawValue }
        if let v = patch.metodo { form.metodo = v.rawValue }
        if let error = form.validate().values.sorted().first { throw Abort(.unprocessableEntity, reason: error) }
        let dependency = try await plan.$dependency.get(on: req.db)
        try await PlanEditing.update(plan, with: form, dependency: dependency, by: user,
                                     summary: "Modificó los datos del plan (API)", on: req.db)
        return try await document(plan, round: nil, req: req)
    }

    // MARK: - Findings and actions

    @Sendable static func createFinding(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let planID = try plan.requireID()
        let input = try req.content.decode(FindingSnapshot.self)
        guard !input.descripcion.trimmed.isEmpty else { throw Abort(.unprocessableEntity, reason: "descripcion: describa el hallazgo.") }
        if try await Finding.query(on: req.db).filter(\.$plan.$id == planID).filter(\.$numero == input.numero).first() != nil {
            throw Abort(.conflict, reason: "numero: ya existe el hallazgo \(input.numero) en este plan.")
        }
        try await req.db.transaction { db in
            let f = Finding(entityID: user.entityID, planID: planID, numero: input.numero, descripcion: input.descripcion,
                            causa: input.causa, efecto: input.efecto, criterio: input.criterio)
            try await f.create(on: db)
            for (i, a) in input.acciones.enumerated() {
                try validate(a, finding: input.numero, index: i + 1)
                let action = Action(entityID: user.entityID, findingID: try f.requireID(), position: i + 1, snapshot: a)
                try await action.create(on: db)
                try await PlanStore.setDependencies(of: action, names: a.dependencias, entityID: user.entityID, on: db)
            }
            try await AuditLog.record("Agregó el hallazgo \(input.numero) (API)", by: Actor(user), entityID: user.entityID,
                                      objectType: "hallazgo", objectID: f.id, planID: planID,
                                      changes: [FieldChange(field: "descripción", old: nil, new: input.descripcion)], on: db)
        }
        return try await document(plan, round: nil, req: req, status: .created)
    }

    struct FindingPatch: Content {
        var numero: Int?
        var descripcion: String?
        var causa: String?
        var efecto: String?
        var criterio: String?
    }

    @Sendable static func updateFinding(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let finding = try await FindingController.findingOf(plan, req)
        let patch = try req.content.decode(FindingPatch.self)
        var form = FindingForm(finding)
        if let v = patch.numero, v != finding.numero {
            if try await Finding.query(on: req.db).filter(\.$plan.$id == plan.requireID()).filter(\.$numero == v).first() != nil {
                throw Abort(.conflict, reason: "numero: ya existe el hallazgo \(v) en este plan.")
            }
            form.numero = "\(v)"
        }
        if let v = patch.descripcion { form.descripcion = v }
        if let v = patch.causa { form.causa = v }
        if let v = patch.efecto { form.efecto = v }
        if let v = patch.criterio { form.criterio = v }
        if let error = form.validate().values.sorted().first { throw Abort(.unprocessableEntity, reason: error) }
        try await PlanEditing.update(finding, with: form, by: user, via: " (API)", on: req.db)
        return try await document(plan, round: nil, req: req)
    }

    static func validate(_ a: ActionSnapshot, finding: Int, index: Int) throws {
        let place = "Hallazgo \(finding), acción \(index)"
        if a.descripcion.trimmed.isEmpty { throw Abort(.unprocessableEntity, reason: "\(place): descripcion: describa la acción.") }
        if let s = a.fechaInicial, let e = a.fechaFinal, e < s {
            throw Abort(.unprocessableEntity, reason: "\(place): fechaFinal: la fecha final es anterior a la fecha inicial.")
        }
    }

    @Sendable static func createAction(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let finding = try await FindingController.findingOf(plan, req)
        let input = try req.content.decode(ActionSnapshot.self)
        let findingID = try finding.requireID()
        let position = (try await Action.query(on: req.db).filter(\.$finding.$id == findingID).max(\.$position) ?? 0) + 1
        try validate(input, finding: finding.numero, index: position)
        try await req.db.transaction { db in
            let action = Action(entityID: user.entityID, findingID: findingID, position: position, snapshot: input)
            try await action.create(on: db)
            try await PlanStore.setDependencies(of: action, names: input.dependencias, entityID: user.entityID, on: db)
            try await AuditLog.record("Agregó la acción \(position) al hallazgo \(finding.numero) (API)", by: Actor(user),
                                      entityID: user.entityID, objectType: "acción", objectID: action.id, planID: plan.id,
                                      changes: [FieldChange(field: "descripción", old: nil, new: input.descripcion)], on: db)
        }
        return try await document(plan, round: nil, req: req, status: .created)
    }

    struct ActionPatch: Content {
        var descripcion: String?
        var tipo: ActionType?
        var responsable: String?
        var dependencias: [String]?
        var fechaInicial: LocalDate?
        var fechaFinal: LocalDate?
        var meta: String?
        var metaCantidad: Double?
        var metaUnidad: String?
        var indicador: String?
    }

    @Sendable static func updateAction(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let (action, finding) = try await ActionController.actionOf(plan, req)
        let patch = try req.content.decode(ActionPatch.self)
        let before = action.auditValues
        if let v = patch.descripcion { action.descripcion = v }
        if let v = patch.tipo { action.tipo = v }
        if let v = patch.responsable { action.responsable = v }
        if let v = patch.fechaInicial { action.fechaInicial = v }
        if let v = patch.fechaFinal { action.fechaFinal = v }
        if let v = patch.meta { action.meta = v }
        if let v = patch.metaCantidad { action.metaCantidad = v }
        if let v = patch.metaUnidad { action.metaUnidad = v }
        if let v = patch.indicador { action.indicador = v }
        try validate(ActionSnapshot(descripcion: action.descripcion, fechaInicial: action.fechaInicial, fechaFinal: action.fechaFinal),
                     finding: finding.numero, index: action.position)
        let changes = AuditLog.diff(zip(before, action.auditValues).map { ($0.0, $0.1, $1.1) })
        try await req.db.transaction { db in
            try await action.save(on: db)
            if let names = patch.dependencias {
                try await PlanStore.setDependencies(of: action, names: names, entityID: user.entityID, on: db)
            }
            if !changes.isEmpty {
                try await AuditLog.record("Modificó la acción \(action.position) del hallazgo \(finding.numero) (API)", by: Actor(user),
                                          entityID: user.entityID, objectType: "acción", objectID: action.id, planID: plan.id,
                                          changes: changes, on: db)
            }
        }
        return try await document(plan, round: nil, req: req)
    }

    // MARK: - Follow-up rounds (OCI only)

    struct RoundInput: Content {
        var fechaCorte: LocalDate
        var fechaSeguimiento: LocalDate?
        var esCierre: Bool?
    }

    @Sendable static func createRound(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let input = try req.content.decode(RoundInput.self)
        let next = try await PlanEditing.openRound(plan, fechaCorte: input.fechaCorte, fechaSeguimiento: input.fechaSeguimiento,
                                                   esCierre: input.esCierre ?? false, by: user, via: " (API)", on: req.db)
        return try await document(plan, round: next, req: req, status: .created)
    }

    struct GradeInput: Content {
        struct ActionGrade: Content {
            var accionId: UUID
            var porcentaje: Double?
            var evidencias: String?
            var observaciones: String?
            var estado: ActionState?
            var justificacion: String?
        }
        struct FindingGrade: Content {
            var hallazgoId: UUID
            var estado: FindingState?
            var justificacion: String?
        }
        var fechaCorte: LocalDate?
        var fechaSeguimiento: LocalDate?
        var esCierre: Bool?
        var calificaciones: [ActionGrade]?
        var hallazgos: [FindingGrade]?
    }

    /// Grades some or all actions of a round. Actions not named keep their grade.
    @Sendable static func gradeRound(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let numero = try req.intParameter("numero")
        let snap = try await PlanStore.snapshot(of: plan, on: req.db)
        guard let roundSnap = snap.seguimientos.first(where: { $0.numero == numero }),
              let round = try await FollowUpRound.find(roundSnap.id, on: req.db) else {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(numero).")
        }
        if round.estado == .publicado {
            throw Abort(.forbidden, reason: "El seguimiento \(numero) está publicado: no se puede modificar.")
        }
        let input = try req.content.decode(GradeInput.self)
        var values = RoundValues(round: roundSnap, plan: snap)
        if let v = input.fechaCorte { values.fechaCorte = v.iso }
        if let v = input.fechaSeguimiento { values.fechaSeguimiento = v.iso }
        if let v = input.esCierre { values.esCierre = v }
        for g in input.calificaciones ?? [] {
            guard var current = values.actions[g.accionId] else {
                throw Abort(.unprocessableEntity, reason: "calificaciones: la acción \(g.accionId) no pertenece a este plan.")
            }
            current.percent = g.porcentaje.map { String($0) } ?? ""
            if let v = g.evidencias { current.evidence = v }
            if let v = g.observaciones { current.observations = v }
            current.state = g.estado?.rawValue ?? ""
            current.justification = g.justificacion ?? ""
            values.actions[g.accionId] = current
        }
        for g in input.hallazgos ?? [] {
            guard values.findings[g.hallazgoId] != nil else {
                throw Abort(.unprocessableEntity, reason: "hallazgos: el hallazgo \(g.hallazgoId) no pertenece a este plan.")
            }
            values.findings[g.hallazgoId] = .init(state: g.estado?.rawValue ?? "", justification: g.justificacion ?? "")
        }
        let errors = values.validate(plan: snap)
        if !errors.isEmpty { throw Abort(.unprocessableEntity, reason: errors.values.sorted().joined(separator: " ")) }
        let proposed = values.apply(to: roundSnap, plan: snap)
        try await req.db.transaction { db in
            try await GradeWriter.write(proposed, over: roundSnap, round: round, plan: snap, user: user, on: db)
        }
        return try await document(plan, round: numero, req: req)
    }
}
