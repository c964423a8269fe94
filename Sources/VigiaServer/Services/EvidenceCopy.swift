import Fluent
import Foundation
import Vapor

/// Copies the evidence files from one store to the other (`vigia copy-evidence`): a server that
/// kept them in its folder moves to the database before a second server joins, or back.
public enum EvidenceCopy {
    public struct Outcome: Sendable {
        /// Files written to the target.
        public var copied = 0
        /// Files the target already held.
        public var present = 0
        /// Hashes the records name but the source lacks or holds damaged.
        public var missing: [String] = []
    }

    /// Every file the records name that the target lacks is read from `source`, checked against
    /// its SHA-256 and written; the source is left as it was.
    public static func run(from source: EvidenceStorage, to target: EvidenceStorage, app: Application) async throws -> Outcome {
        guard source != target else {
            throw ValidationFailure("El origen y el destino son el mismo almacén («\(source.rawValue)»).")
        }
        var outcome = Outcome()
        let named = Set(try await EvidenceFile.query(on: app.db).all(\.$sha256))
        let held = try await EvidenceStore.hashes(in: target, app: app)
        for hash in named.sorted() {
            if held.contains(hash) { outcome.present += 1; continue }
            guard let data = try await EvidenceStore.contents(hash, from: source, app: app),
                  BackupService.sha256(data) == hash else {
                outcome.missing.append(hash)
                continue
            }
            try await EvidenceStore.write(data, sha256: hash, to: target, app: app)
            outcome.copied += 1
        }
        return outcome
    }
}
