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
    /// Where evidence files' bytes go (VIGIA_EVIDENCIAS=base|carpeta); nil: the database on
    /// PostgreSQL, the folder on SQLite (`configure` decides).
    public var evidenceStorage: EvidenceStorage?
    /// Largest evidence file accepted, in bytes (25 MB by default).
    public var maxEvidenceBytes: Int = 25 * 1024 * 1024
    /// One upload form: at most this many files, bytes in all, text fields, bytes per field.
    public var maxFilesPerRequest: Int = 20
    public var maxUploadBytes: Int = 100 * 1024 * 1024
    public var maxFieldsPerRequest: Int = 50
    public var maxFieldBytes: Int = 100_000
    /// A session ends after this many seconds without a request, and this many after login.
    public var sessionIdleTimeout: Double = 30 * 60
    public var sessionAbsoluteTimeout: Double = 10 * 3600
    /// Login throttling: failures (decaying by one every `loginDecaySeconds`) that lock an
    /// account, and a client address; the longest lock.
    public var loginAccountLimit: Double = 5
    public var loginAddressLimit: Double = 20
    public var loginDecaySeconds: Double = 10 * 60
    public var loginMaxLockSeconds: Double = 15 * 60
    /// Take the client's address from `X-Forwarded-For` (only behind a proxy that sets it).
    public var trustProxy: Bool = false
    /// Requests in progress before the server answers 503 at once; VIGIA_MAX_EN_CURSO.
    public var maxRequestsInFlight: Int = 64
    /// PostgreSQL connections per event loop (one event loop per core); VIGIA_DB_CONEXIONES.
    public var databaseConnectionsPerLoop: Int = 4
    /// The address users reach the site at (VIGIA_PUBLIC_URL), for the links in e-mails. Never
    /// taken from the request's Host header, which a visitor chooses.
    public var publicURL: String = "http://127.0.0.1:8080"
    /// Now, for every server rule that needs it; tests replace it.
    public var now: @Sendable () -> Date = { Date() }

    public static func fromEnvironment() -> ServerSettings {
        let env = ProcessInfo.processInfo.environment
        let publicURL = env["VIGIA_PUBLIC_URL"] ?? ""
        let secure = env["VIGIA_SECURE_COOKIES"].map { $0 == "1" || $0 == "true" } ?? publicURL.hasPrefix("https://")
        var s = ServerSettings(secureCookies: secure, failedLoginDelay: Double(env["VIGIA_LOGIN_DELAY"] ?? "").flatMap { $0.isFinite && (0...10).contains($0) ? $0 : nil } ?? 1.0)
        if let dir = env["VIGIA_DATA_DIR"], !dir.isEmpty { s.dataDirectory = dir }
        s.evidenceStorage = env["VIGIA_EVIDENCIAS"].flatMap { EvidenceStorage(rawValue: $0.trimmed.lowercased()) }
        if let mb = env["VIGIA_MAX_EVIDENCE_MB"].flatMap(Double.init), mb > 0, mb < 100_000 { s.maxEvidenceBytes = Int(mb * 1024 * 1024) }
        if let mb = env["VIGIA_MAX_UPLOAD_MB"].flatMap(Double.init), mb > 0, mb < 100_000 { s.maxUploadBytes = Int(mb * 1024 * 1024) }
        // Bounded, so no setting can overflow the cookie's Max-Age (an Int).
        if let minutes = env["VIGIA_SESSION_IDLE_MINUTES"].flatMap(Double.init), minutes > 0, minutes <= 24 * 60 { s.sessionIdleTimeout = minutes * 60 }
        if let hours = env["VIGIA_SESSION_MAX_HOURS"].flatMap(Double.init), hours > 0, hours <= 30 * 24 { s.sessionAbsoluteTimeout = hours * 3600 }
        s.trustProxy = env["VIGIA_TRUST_PROXY"] == "1" || env["VIGIA_TRUST_PROXY"] == "true"
        if let n = env["VIGIA_MAX_EN_CURSO"].flatMap({ Int($0) }), (1...100_000).contains(n) { s.maxRequestsInFlight = n }
        if let n = env["VIGIA_DB_CONEXIONES"].flatMap({ Int($0) }), (1...64).contains(n) { s.databaseConnectionsPerLoop = n }
        if publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://") {
            s.publicURL = String(publicURL.reversed().drop { $0 == "/" }.reversed())
        }
        return s
    }
}

struct ServerSettingsKey: StorageKey { typealias Value = ServerSettings }

struct SMTPSettingsKey: StorageKey { typealias Value = SMTPSettings }

extension Application {
    /// The mail server (from the environment unless a test set one).
    var smtpSettings: SMTPSettings? {
        get { storage[SMTPSettingsKey.self] ?? SMTPSettings.fromEnvironment() }
        set { storage[SMTPSettingsKey.self] = newValue }
    }

    var settings: ServerSettings {
        get { storage[ServerSettingsKey.self] ?? .fromEnvironment() }
        set { storage[ServerSettingsKey.self] = newValue }
    }
}

/// Sets up the database, sessions, middleware and routes of one application.
public func configure(_ app: Application, database: DatabaseURL, settings: ServerSettings = .fromEnvironment()) throws {
    if let raw = ProcessInfo.processInfo.environment["VIGIA_EVIDENCIAS"], !raw.trimmed.isEmpty,
       EvidenceStorage(rawValue: raw.trimmed.lowercased()) == nil {
        throw ValidationFailure("VIGIA_EVIDENCIAS=«\(raw)» no es válido: use «base» (los archivos en la base de datos) o «carpeta» (en VIGIA_DATA_DIR).")
    }
    app.settings = { var s = settings; s.evidenceStorage = s.evidenceStorage ?? .default(for: database); return s }()
    try database.configure(app, connectionsPerLoop: settings.databaseConnectionsPerLoop)
    app.registerMigrations()

    app.sessions.use { _ in SessionStore() }
    app.sessions.configuration.cookieName = "vigia_sesion"
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, expires: nil, maxAge: Int(settings.sessionAbsoluteTimeout), domain: nil, path: "/",
                          isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
    app.databases.middleware.use(EntityTemplatesMiddleware())
    // Gzip for the clients that ask (HTML, JSON, CSS; not the PDFs, workbooks and images).
    app.http.server.configuration.responseCompression = .enabledForCompressibleTypes
    // Outermost first. Sessions wrap the error pages (which show the user and carry a CSRF
    // token), so even a request that matches no route has its session.
    app.middleware = .init()
    app.middleware.use(LoadShedMiddleware(limit: settings.maxRequestsInFlight))
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(ETagMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    // Static files need no session nor user.
    app.middleware.use(StaticFilesMiddleware(files: FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil)))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(PreSessionCSRF.Middleware())
    app.middleware.use(HTMLErrorMiddleware())
    app.middleware.use(UserLoaderMiddleware())
    NulStrippingDecoder.install()

    // Reminders run inside the server unless disabled (VIGIA_REMINDERS=0); tests call them directly.
    if app.environment != .testing && ProcessInfo.processInfo.environment["VIGIA_REMINDERS"] != "0" {
        app.lifecycle.use(ReminderScheduler(interval: Double(ProcessInfo.processInfo.environment["VIGIA_REMINDER_INTERVAL"] ?? "") ?? 3600))
    }
    app.routes.defaultMaxBodySize = "2mb"
    try routes(app)
}
