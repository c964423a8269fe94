import Fluent

/// The reason a published round or period was reopened for correction is kept on the round or
/// period itself (it goes out with the next version), instead of being looked up in the audit
/// trail's text. A round or period already reopened keeps its reason.
struct M023_CorrectionNotes: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("follow_up_rounds").field("correction_note", .string).update()
        try await database.schema("follow_up_periods").field("correction_note", .string).update()
        for round in try await FollowUpRound.query(on: database).filter(\.$estado == .borrador).all() {
            round.correctionNote = try await reason(objectID: round.id, on: database)
            if round.correctionNote != nil { try await round.save(on: database) }
        }
        for period in try await FollowUpPeriod.query(on: database).filter(\.$estado == .borrador).all() {
            period.correctionNote = try await reason(objectID: period.id, on: database)
            if period.correctionNote != nil { try await period.save(on: database) }
        }
    }

    /// The latest "motivo" of a correction recorded for the object, as the old code found it.
    private func reason(objectID: UUID?, on database: Database) async throws -> String? {
        guard let objectID else { return nil }
        return try await AuditEvent.query(on: database).filter(\.$objectID == objectID).filter(\.$field == "motivo")
            .filter(\.$summary ~~ "corrección").sort(\.$at, .descending).first()?.newValue
    }

    func revert(on database: Database) async throws {
        try await database.schema("follow_up_rounds").deleteField("correction_note").update()
        try await database.schema("follow_up_periods").deleteField("correction_note").update()
    }
}
