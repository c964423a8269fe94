import Foundation

/// What an account needs, and what the administrador may do to one: the same rules for the web
/// and the command line.
public enum UserRules {
    /// The problems of an account's data, by field (nombre, email, rol, dependencia).
    public static func problems(name: String, email: String, role: Role, hasDependency: Bool) -> [String: String] {
        var e: [String: String] = [:]
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { e["nombre"] = "Nombre: escriba el nombre de la persona." }
        if !isEmail(email) { e["email"] = "Correo: «\(email)» no es una dirección de correo." }
        if role == .responsable && !hasDependency {
            e["dependencia"] = "Dependencia: un responsable reporta por una dependencia; elíjala."
        }
        return e
    }

    /// A plausible address: one @, something before it, a dot in the domain, no spaces.
    public static func isEmail(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: "@", omittingEmptySubsequences: false)
        guard t.count <= 320, parts.count == 2, !parts[0].isEmpty, !t.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }

    /// Why the administrador may not change `target` that way, or nil: nobody deactivates or
    /// demotes themselves, and the entity keeps at least one active administrador.
    public static func changeRefusal(isSelf: Bool, targetRole: Role, newRole: Role, deactivating: Bool,
                                     otherActiveAdministrators: Int) -> String? {
        let losesAdmin = targetRole == .administrador && (deactivating || newRole != .administrador)
        if isSelf && losesAdmin {
            return deactivating ? "No puede desactivar su propia cuenta." : "No puede quitarse a sí mismo el rol de administrador."
        }
        if losesAdmin && otherActiveAdministrators == 0 {
            return "La entidad se quedaría sin administrador activo: nombre otro antes."
        }
        return nil
    }
}
