import Foundation

/// What a password must be: at least 12 characters, not one of the common passwords shipped with
/// the project (`Resources/common-passwords.txt`, compared without case or spaces), and not
/// containing the user's e-mail or its name part. Used by every door that sets a password:
/// change, reset, invitation, `vigia create-user` and `set-password`.
public enum PasswordPolicy {
    public static let minimumLength = 12

    /// The Spanish reason the password is refused, or nil when it is acceptable.
    public static func problem(_ password: String, email: String) -> String? {
        if password.count < minimumLength { return "La contraseña debe tener al menos \(minimumLength) caracteres." }
        if password.count > 256 { return "La contraseña no puede tener más de 256 caracteres." }
        let folded = password.lowercased().filter { !$0.isWhitespace }
        if Set(folded).count <= 2 { return "La contraseña repite uno o dos caracteres: elija una más difícil de adivinar." }
        if common.contains(folded) { return "Esa contraseña es de las más usadas y se adivina fácilmente: elija otra." }
        let address = email.lowercased().trimmingCharacters(in: .whitespaces)
        let local = address.split(separator: "@").first.map(String.init) ?? ""
        if !address.isEmpty && folded.contains(address) || local.count >= 4 && folded.contains(local) {
            return "La contraseña no puede contener su correo."
        }
        return nil
    }

    /// The shipped list, read once.
    static let common: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("#") })
    }()
}
