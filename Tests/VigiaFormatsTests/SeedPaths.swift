import Foundation

/// The shared seeds live beside the project (`../shared/seeds/`); CI always has them,
/// a developer's checkout may not, so tests that read them skip when they are absent.
enum Seeds {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static func shared(_ name: String) -> URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/seeds/\(name)")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    static func sample(_ name: String) -> URL { root.appendingPathComponent("Samples/\(name)") }

    static var planSeed: URL? { shared("plan-mejoramiento-pasto-oai.txt") }
}

extension Seeds {
    static var programSeed: URL? { shared("seguimiento-paac-putumayo-2023-c2.txt") }
}
