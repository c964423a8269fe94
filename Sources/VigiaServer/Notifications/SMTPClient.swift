import CCurl
import Foundation

/// How to reach the mail server: from the environment (VIGIA_SMTP_URL, VIGIA_SMTP_USER,
/// VIGIA_SMTP_PASSWORD, VIGIA_SMTP_FROM, VIGIA_SMTP_SIN_TLS).
public struct SMTPSettings: Sendable, Equatable {
    /// `smtps://host:465` (TLS from the start) or `smtp://host:587` (STARTTLS, required).
    public var url: String
    public var from: String
    public var username: String?
    public var password: String?
    /// TLS is required by default: a server that does not offer STARTTLS is refused, so a
    /// network attacker cannot strip it and read the credentials. Only a plain relay on the
    /// same machine or network may be allowed, explicitly (VIGIA_SMTP_SIN_TLS=1); the outbox
    /// then says so.
    public var allowPlain: Bool

    public init(url: String, from: String, username: String? = nil, password: String? = nil, allowPlain: Bool = false) {
        self.url = url; self.from = from; self.username = username; self.password = password; self.allowPlain = allowPlain
    }

    public static func fromEnvironment() -> SMTPSettings? {
        let env = ProcessInfo.processInfo.environment
        guard let url = env["VIGIA_SMTP_URL"], !url.isEmpty else { return nil }
        return SMTPSettings(url: url, from: env["VIGIA_SMTP_FROM"] ?? "vigia@localhost", username: env["VIGIA_SMTP_USER"],
                            password: env["VIGIA_SMTP_PASSWORD"], allowPlain: env["VIGIA_SMTP_SIN_TLS"] == "1")
    }

    /// What the outbox says about the connection.
    public var transportLabel: String {
        allowPlain ? "Relé SMTP sin cifrado (VIGIA_SMTP_SIN_TLS=1): use solo un servidor de correo local o de la red interna."
                   : "Conexión SMTP cifrada con TLS (obligatoria)."
    }
}

public struct MailMessage: Sendable {
    public var to: String
    public var toName: String
    public var subject: String
    public var body: String

    /// RFC 5322 with a UTF-8 subject (RFC 2047) and a base64 UTF-8 plain-text body.
    public func rfc5322(from: String, date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject = "=?UTF-8?B?" + Data(subject.utf8).base64EncodedString() + "?="
        let encodedName = "=?UTF-8?B?" + Data(toName.utf8).base64EncodedString() + "?="
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let body64 = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: Vigía <\(from)>", "To: \(encodedName) <\(to)>", "Subject: \(encodedSubject)",
            "Date: \(f.string(from: date))", "Message-ID: <\(UUID().uuidString)@\(domain)>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "", body64, "",
        ].joined(separator: "\r\n")
    }
}

public struct SMTPError: Error, CustomStringConvertible {
    public let description: String
}

/// Sends mail through libcurl's SMTP client (STARTTLS and authentication as configured).
public enum SMTPClient {
    private final class Payload {
        let bytes: [UInt8]
        var offset = 0
        init(_ s: String) { bytes = Array(s.utf8) }
    }

    public static func send(_ message: MailMessage, settings: SMTPSettings, date: Date, timeoutSeconds: Int = 30) throws {
        guard let curl = curl_easy_init() else { throw SMTPError(description: "No se pudo iniciar el cliente de correo.") }
        defer { curl_easy_cleanup(curl) }
        let payload = Payload(message.rfc5322(from: settings.from, date: date))
        let unmanaged = Unmanaged.passRetained(payload)
        defer { unmanaged.release() }
        var recipients: UnsafeMutablePointer<curl_slist>? = nil
        recipients = curl_slist_append(recipients, "<\(message.to)>")
        defer { curl_slist_free_all(recipients) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        let result: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            _ = vigia_curl_setopt_string(curl, CURLOPT_URL, settings.url)
            _ = vigia_curl_setopt_string(curl, CURLOPT_MAIL_FROM, "<\(settings.from)>")
            _ = vigia_curl_setopt_slist(curl, CURLOPT_MAIL_RCPT, recipients)
            _ = vigia_curl_setopt_long(curl, CURLOPT_UPLOAD, 1)
            _ = vigia_curl_setopt_long(curl, CURLOPT_TIMEOUT, timeoutSeconds)
            _ = vigia_curl_setopt_long(curl, CURLOPT_USE_SSL, Int(settings.allowPlain ? CURLUSESSL_NONE.rawValue : CURLUSESSL_ALL.rawValue))
            _ = vigia_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, errors.baseAddress)
            if let user = settings.username { _ = vigia_curl_setopt_string(curl, CURLOPT_USERNAME, user) }
            if let pass = settings.password { _ = vigia_curl_setopt_string(curl, CURLOPT_PASSWORD, pass) }
            _ = vigia_curl_setopt_pointer(curl, CURLOPT_READDATA, unmanaged.toOpaque())
            _ = vigia_curl_setopt_read(curl) { buffer, size, count, userdata in
                guard let buffer, let userdata else { return 0 }
                let p = Unmanaged<Payload>.fromOpaque(userdata).takeUnretainedValue()
                let n = min(size * count, p.bytes.count - p.offset)
                guard n > 0 else { return 0 }
                p.bytes.withUnsafeBufferPointer { src in
                    UnsafeMutableRawPointer(buffer).copyMemory(from: src.baseAddress! + p.offset, byteCount: n)
                }
                p.offset += n
                return n
            }
            return curl_easy_perform(curl)
        }
        guard result == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            throw SMTPError(description: "Correo a \(message.to) no entregado: \(String(cString: curl_easy_strerror(result)))" + (detail.isEmpty ? "" : " (\(detail))"))
        }
    }
}
