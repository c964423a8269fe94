import Fluent
import Vapor

/// Settings read from the environment, with their defaults.
public struct ServerSettings: Sendable {
    /// Set the session cookie `Secure` (behind TLS). Default: when VIGIA_PUBLIC_URL is https.
    public var secureCookies: Bool
    /// Seconds a failed login waits before answering (slows guessing down).
    public var failedLoginDelay: Double
    /// Where evidence files are stored (content-addressed) — `./data` by default.
    public var dataDirectory: String = "./data"
    /// Largest evidence file accepted, in bytes (25 MB by default).
    public var maxEvidenceBytes: Int = 25 * 1024 * 1024

    public static func fromEnvironment() -> ServerSettings {
        let env = ProcessInfo.processInfo.environment
        let publicURL = env["VIGIA_PUBLIC_URL"] ?? ""
        let secure = env["VIGIA_SECURE_COOKIES"].map { $0 == "1" || $0 == "true" } ?? publicURL.hasPrefix("https://")
        var s = ServerSettings(secureCookies: secure, failedLoginDelay: Double(env["VIGIA_LOGIN_DELAY"] ?? "") ?? 1.0)
        if let dir = env["VIGIA_DATA_DIR"], !dir.isEmpty { s.dataDirectory = dir }
        if let mb = env["VIGIA_MAX_EVIDENCE_MB"].flatMap(Double.init), mb > 0 { s.maxEvidenceBytes = Int(mb * 1024 * 1024) }
        return s
    }
}

struct ServerSettingsKey: StorageKey { typealias Value = ServerSettings }

extension Application {
    var settings: ServerSettings {
        get { storage[ServerSettingsKey.self] ?? .fromEnvironment() }
        set { storage[ServerSettingsKey.self] = newValue }
    }
}

/// Sets up the database, sessions, middleware and routes of one application.
public func configure(_ app: Application, database: DatabaseURL, settings: ServerSettings = .fromEnvironment()) throws {
    app.settings = settings
    try database.configure(app)
    app.registerMigrations()

    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "vigia_sesion"
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, expires: nil, maxAge: 8 * 3600, domain: nil, path: "/",
                          isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
    // Outermost first. Sessions wrap the error pages (which show the user and carry a CSRF
    // token), so even a request that matches no route has its session.
    app.middleware = .init()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(SecurityHeadersMiddleware())
    // Static files need no session nor user.
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(HTMLErrorMiddleware())
    app.middleware.use(UserLoaderMiddleware())

    // Reminders run inside the server unless disabled (VIGIA_REMINDERS=0); tests call them directly.
    if app.environment != .testing && ProcessInfo.processInfo.environment["VIGIA_REMINDERS"] != "0" {
        app.lifecycle.use(ReminderScheduler(interval: Double(ProcessInfo.processInfo.environment["VIGIA_REMINDER_INTERVAL"] ?? "") ?? 3600))
    }
    app.routes.defaultMaxBodySize = "2mb"
    try routes(app)
}
