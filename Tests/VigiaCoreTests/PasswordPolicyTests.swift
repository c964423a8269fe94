import Testing
@testable import VigiaCore

@Suite("Password policy: length, common passwords, the e-mail")
struct PasswordPolicyTests {
    @Test func theListShipsWithTheProject() { #expect(PasswordPolicy.common.count > 1_000) }

    @Test(arguments: [
        ("corta", "La contraseña debe tener al menos 12 caracteres."),
        ("12345678901", "La contraseña debe tener al menos 12 caracteres."),
        ("123456789012", "Esa contraseña es de las más usadas y se adivina fácilmente: elija otra."),
        ("Colombia2026!", "Esa contraseña es de las más usadas y se adivina fácilmente: elija otra."),
        ("Contraseña 1234", "Esa contraseña es de las más usadas y se adivina fácilmente: elija otra."),
        ("abababababab", "La contraseña repite uno o dos caracteres: elija una más difícil de adivinar."),
        ("xx-jperez-2026-yy", "La contraseña no puede contener su correo."),
        ("JPerez@Alcaldia.gov.co1", "La contraseña no puede contener su correo."),
    ])
    func refused(password: String, message: String) {
        #expect(PasswordPolicy.problem(password, email: "jperez@alcaldia.gov.co") == message)
    }

    @Test func aLongUnusualPasswordPasses() {
        #expect(PasswordPolicy.problem("río-cauca azul 74 tardes", email: "jperez@alcaldia.gov.co") == nil)
        #expect(PasswordPolicy.problem("exactamente12", email: "a@b.co") == nil)
    }
}
