// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vigia",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vigia", targets: ["vigia"]),
        .executable(name: "vigia-bench", targets: ["vigia-bench"]),
        .executable(name: "vigia-fuzz", targets: ["vigia-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // The domain: value types and rules, Foundation only.
        .target(name: "VigiaCore", resources: [.copy("Resources/common-passwords.txt")]),
        // Debian's libxlsxwriter and Pango/Cairo, through thin system-library shims.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Bytes in and out (importers, renderers), no web.
        .target(name: "VigiaFormats", dependencies: ["VigiaCore", "CXLSXWriter", "CPangoCairo",
                                                     .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Vapor + Fluent: persistence, routes, views, auth.
        .target(
            name: "VigiaServer",
            dependencies: [
                "VigiaCore", "VigiaFormats", "CCurl",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        .executableTarget(
            name: "vigia",
            dependencies: [
                "VigiaCore",
                "VigiaServer",
                "VigiaFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: renders the documents and prints time and peak memory.
        .executableTarget(name: "vigia-bench", dependencies: ["VigiaCore", "VigiaFormats"]),
        // `make fuzz`: seeded input generators for the importers and parsers (no Vapor), and the
        // executable that runs them in child processes so a trap is caught and its input kept.
        .target(name: "VigiaFuzz", dependencies: ["VigiaCore", "VigiaFormats"]),
        .executableTarget(name: "vigia-fuzz", dependencies: ["VigiaFuzz"]),
        .testTarget(name: "VigiaCoreTests", dependencies: ["VigiaCore"]),
        // Every module a test file imports is named, not reached through another: SwiftPM's incremental
        // build then recompiles the tests when a VigiaCore type changes shape (a stale test binary crashed).
        .testTarget(name: "VigiaFormatsTests", dependencies: ["VigiaCore", "VigiaFormats", "VigiaFuzz"]),
        .testTarget(
            name: "VigiaServerTests",
            dependencies: [
                "VigiaCore", "VigiaFormats", "VigiaServer", "VigiaFuzz",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ]
)
