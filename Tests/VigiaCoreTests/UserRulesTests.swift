import Testing
@testable import VigiaCore

@Suite("User accounts: data and what the administrador may change")
struct UserRulesTests {
    @Test func eachMissingPieceIsNamed() {
        let e = UserRules.problems(name: " ", email: "sin-arroba", role: .responsable, hasDependency: false)
        #expect(e == ["nombre": "Nombre: escriba el nombre de la persona.", "email": "Correo: «sin-arroba» no es una dirección de correo.",
                      "dependencia": "Dependencia: un responsable reporta por una dependencia; elíjala."])
        #expect(UserRules.problems(name: "Ana", email: "ana@alcaldia.gov.co", role: .oci, hasDependency: false).isEmpty)
    }

    @Test(arguments: ["a@b", "@b.co", "a b@c.co", "a@b..co", "a@.b.co", "a@@b.co"])
    func notAnEmail(text: String) { #expect(!UserRules.isEmail(text)) }

    @Test func theLastAdministratorStays() {
        #expect(UserRules.changeRefusal(isSelf: true, targetRole: .administrador, newRole: .administrador, deactivating: true,
                                        otherActiveAdministrators: 3) == "No puede desactivar su propia cuenta.")
        #expect(UserRules.changeRefusal(isSelf: true, targetRole: .administrador, newRole: .oci, deactivating: false,
                                        otherActiveAdministrators: 3) == "No puede quitarse a sí mismo el rol de administrador.")
        #expect(UserRules.changeRefusal(isSelf: false, targetRole: .administrador, newRole: .consulta, deactivating: false,
                                        otherActiveAdministrators: 0) == "La entidad se quedaría sin administrador activo: nombre otro antes.")
        #expect(UserRules.changeRefusal(isSelf: false, targetRole: .administrador, newRole: .oci, deactivating: false,
                                        otherActiveAdministrators: 1) == nil)
        #expect(UserRules.changeRefusal(isSelf: false, targetRole: .oci, newRole: .oci, deactivating: true,
                                        otherActiveAdministrators: 0) == nil)
    }
}
