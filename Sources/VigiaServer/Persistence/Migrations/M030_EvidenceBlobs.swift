import Fluent
import SQLKit

/// The bytes of evidence files in the database, for installs where several `vigia serve`
/// processes share one PostgreSQL (`EvidenceStore.Backend.database`): one row per part of at
/// most `EvidenceStore.partBytes`, keyed by the file's SHA-256 and the part's number, so a file
/// is written and read a part at a time and never held whole in memory.
struct M030_EvidenceBlobs: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        let bytes = sql.dialect.name == "postgresql" ? "BYTEA" : "BLOB"
        try await sql.raw("""
            CREATE TABLE IF NOT EXISTS evidence_blobs (
                sha256 TEXT NOT NULL,
                part INTEGER NOT NULL,
                bytes \(unsafeRaw: bytes) NOT NULL,
                PRIMARY KEY (sha256, part)
            )
            """).run()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS evidence_blobs").run()
    }
}
