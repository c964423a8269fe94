import Fluent

/// Writes many rows of one model with a few multi-row INSERTs instead of one statement per row
/// (a restore, the national data set): the values go through the model, so they are stored
/// exactly as `create(on:)` would store them, on SQLite and PostgreSQL alike.
enum BulkInsert {
    /// Rows per statement: SQLite takes at most 32,766 parameters in one, PostgreSQL 65,535.
    static func rowsPerStatement(columns: Int) -> Int { max(1, min(1_000, 30_000 / max(1, columns))) }

    /// `maxRows` bounds a statement's rows (a restore keeps 200: some tables hold whole files).
    static func insert<M: Model>(_ rows: some Collection<M>, maxRows: Int = 1_000, on db: Database) async throws {
        guard let first = rows.first else { return }
        let size = min(max(1, maxRows), rowsPerStatement(columns: columns(of: first).count))
        var batch: [[FieldKey: DatabaseQuery.Value]] = []
        batch.reserveCapacity(size)
        for row in rows {
            batch.append(columns(of: row))
            if batch.count == size {
                try await M.query(on: db).set(batch).create()
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await M.query(on: db).set(batch).create() }
    }

    /// Every column of a row, set or not (unset ones take the column's default).
    static func columns<M: Model>(of row: M) -> [FieldKey: DatabaseQuery.Value] {
        let input = AllColumns()
        row.input(to: input)
        return input.values
    }
}

private final class AllColumns: DatabaseInput {
    var values: [FieldKey: DatabaseQuery.Value] = [:]
    var wantsUnmodifiedKeys: Bool { true }
    func set(_ value: DatabaseQuery.Value, at key: FieldKey) { values[key] = value }
}
