import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import VigiaCore
@testable import VigiaServer

@Suite("The demo (vigia demo) tells the same story whatever day it is loaded")
struct DemoTests {
    static var samples: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Samples/plan-mejoramiento-demo.tsv")
    }

    /// Days on both sides of the boundaries the story depends on: month ends, the turn of the
    /// year, a cuatrimestre's cut-off and its publication deadline, a leap day.
    static let days: [LocalDate] = [
        LocalDate(year: 2026, month: 12, day: 7)!, LocalDate(year: 2026, month: 12, day: 31)!,
        LocalDate(year: 2027, month: 1, day: 10)!, LocalDate(year: 2027, month: 2, day: 28)!,
        LocalDate(year: 2027, month: 5, day: 3)!, LocalDate(year: 2027, month: 5, day: 31)!,
        LocalDate(year: 2028, month: 2, day: 29)!, LocalDate(year: 2028, month: 9, day: 20)!,
        // The second cuatrimestre of 2027 is due on 14/09: the day after, it is published late that day.
        LocalDate(year: 2027, month: 9, day: 15)!,
    ]

    @Test("Published, on time, late, upcoming, cumplidas, vencidas, autoreportes and a reformulation waiting", arguments: days)
    func story(today: LocalDate) async throws {
        try await withTestApp(.sqlite, settings: { $0.now = TestDates.at(today) }) { app, _ in
            let credentials = try await Demo.load(samplePlan: Self.samples, at: app.now, on: app.db)
            #expect(credentials.count == 4)
            let entity = try #require(try await Entity.query(on: app.db).filter(\.$nit == "890.000.001-1").first())
            let entityID = try entity.requireID()

            // The plan: follow-ups 1 and 2 published (a frozen document each), 3 open and cut off ahead.
            let plan = try #require(try await ImprovementPlan.query(on: app.db).filter(\.$entity.$id == entityID).first())
            let snap = try await PlanStore.snapshot(of: plan, on: app.db)
            #expect(snap.seguimientos.map(\.numero) == [1, 2, 3])
            #expect(snap.seguimientos.map(\.estado) == [.publicado, .publicado, .borrador])
            #expect(snap.seguimientos[0].fechaCorte! < snap.seguimientos[1].fechaCorte! && snap.seguimientos[1].fechaCorte! < today)
            #expect(snap.seguimientos[2].fechaCorte! > today)
            let planPublications = try await Publication.query(on: app.db).filter(\.$planID == plan.requireID()).all()
            #expect(planPublications.map(\.numero).sorted() == [1, 2] && planPublications.allSatisfy { $0.publishedOn < today })
            #expect(snap.fechaSuscripcion! < snap.seguimientos[0].fechaCorte!)
            #expect(snap.hallazgos.flatMap(\.acciones).allSatisfy { $0.fechaInicial! < $0.fechaFinal! })
            // No check flags the story's dates, terms or states; the sample's one warning (an indicator
            // that is neither a count nor a ratio) stays, to show the checks at work.
            let checks = PlanChecks.run(snap, settings: CheckSettings(maxPlanMonths: entity.maxPlanMonths))
            #expect(checks.map(\.codigo) == ["indicador_no_medible"], "\(checks.map(\.mensaje))")
            #expect(snap.controlDeCambios.allSatisfy { $0.fechaAprobacion == snap.fechaSuscripcion })

            // Today: the open round has no grade yet, so what stands is follow-up 2.
            let now = PlanEvaluator.current(snap)
            #expect(now.numero == 2)
            #expect((now.conteoPorEstado["CUMPLIDA"] ?? 0) >= 3, "\(now.conteoPorEstado)")
            #expect((now.conteoPorEstado["VENCIDA"] ?? 0) >= 2, "\(now.conteoPorEstado)")
            #expect((now.conteoPorEstado["EN EJECUCIÓN"] ?? 0) >= 4, "\(now.conteoPorEstado)")
            let digest = PlanDigest(snap, evaluation: now)
            #expect(digest.overdue(at: today) >= 2 && digest.overdue(at: today) < snap.actionCount)
            #expect(digest.openDue.contains { $0 > today && LocalDate.days(from: today, to: $0) <= 15 }, "actions about to fall due")

            // Waiting for the OCI: two autoreportes of follow-up 3 and a proposal to reformulate 4.1.
            let open = try #require(try await FollowUpRound.query(on: app.db).filter(\.$plan.$id == plan.requireID()).filter(\.$numero == 3).first())
            #expect(try await ProgressReport.query(on: app.db).filter(\.$round.$id == open.requireID()).count() == 3)
            let pending = try await ActionReformulation.query(on: app.db).filter(\.$plan.$id == plan.requireID()).all()
            #expect(pending.count == 1 && pending.first?.estado == .pendiente)
            // Hacienda's monitoreo of its risk action sits in a period that still takes it, if one is open today.
            let map = try #require(try await RiskMapRecord.query(on: app.db).filter(\.$entity.$id == entityID).first())
            let riskMap = try map.map()
            for report in try await ProgressReport.query(on: app.db).filter(\.$riskMapID == map.requireID()).all() {
                let published = try await ReportLock.riskMapPublished(map.requireID(), period: report.periodo!, on: app.db)
                let lock = ReportLock.riskMonitoring(riskMap, period: report.periodo!, numero: report.riskNumero!, accion: report.riskAccion!,
                                                    published: published)
                #expect(lock.refusal(on: today) == nil, "the demo's monitoreo is in a closed period on \(today)")
            }

            // The program and the map of the story's vigencia: every cuatrimestre already cut off
            // is graded; each whose deadline is past is published, the program's second one late.
            let vigencia = DemoStory(today: today).vigencia
            #expect(vigencia == today.year || (vigencia == today.year - 1 && today.month <= 4))
            let program = try #require(try await AnticorruptionProgram.query(on: app.db).filter(\.$entity.$id == entityID).first())
            #expect(program.vigencia == vigencia)
            let periods = try await FollowUpPeriod.query(on: app.db).filter(\.$program.$id == program.requireID()).sort(\.$numero).all()
            let published = try await Publication.query(on: app.db).filter(\.$programID == program.requireID()).all()
            for period in periods {
                let publication = published.first { $0.numero == period.numero }
                // The sample files grade cuatrimestres 1 and 2; a third one past its deadline stays
                // «sin publicar · plazo vencido».
                if period.numero <= 2 && period.fechaLimite < today {
                    #expect(publication?.onTime == (period.numero == 1), "period \(period.numero) on \(today)")
                    #expect(period.estado == .publicado)
                } else {
                    #expect(publication == nil && period.estado != .publicado, "period \(period.numero) on \(today)")
                }
            }
            #expect(periods.contains { $0.fechaCorte < today }, "the first cuatrimestre is always cut off")
            #expect(map.vigencia == vigencia)
            let mapPublications = try await Publication.query(on: app.db).filter(\.$riskMapID == map.requireID()).all()
            #expect(mapPublications.allSatisfy { $0.onTime == true })
            #expect(mapPublications.count == published.count)

            // The OCI's first screen says it.
            let password = try #require(credentials.first { $0.email == "oci@vigia.local" }?.password)
            var oci = Browser(app)
            try await oci.signIn("oci@vigia.local", password: password)
            let home = try await oci.get("/").body.string
            #expect(home.contains("Autoreportes por calificar"))
            if today == LocalDate(year: 2026, month: 12, day: 7)! {
                #expect(home.contains("publicado el 07/05/2026, a tiempo") && home.contains("publicado el 17/09/2026, fuera de plazo"))
                #expect(home.contains("Faltan 26 días hábiles"))
                #expect(home.contains("1 plan; 4 acciones atrasadas en el último seguimiento."))
            }
        }
    }

    @Test("The sample files' years move with the story; laws and methodologies keep theirs")
    func years() {
        let text = "Ley 1474 de 2011 · PAAC 2026 · 31/12/2025 · 31/03/2027 · 120260 · 2026"
        #expect(DemoStory.moving(text, to: 2028) == "Ley 1474 de 2011 · PAAC 2028 · 31/12/2027 · 31/03/2029 · 120260 · 2028")
        #expect(DemoStory.moving(text, to: 2026) == text)
        #expect(DemoStory.moving("\r\n2026\r\n", to: 2030) == "\r\n2030\r\n")
    }
}
