import ArgumentParser
import Fluent
import Foundation
import Logging
import Vapor
import VigiaCore
import VigiaServer

struct CreateUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Crea un usuario.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(help: "Correo (usuario de ingreso)") var email: String
    @ArgumentParser.Option(name: .customLong("nombre"), help: "Nombre completo") var name: String
    @ArgumentParser.Option(name: .customLong("rol"), help: "administrador, oci, responsable, consulta o superadmin (crea entidades desde /instalacion)") var role: String
    @ArgumentParser.Option(help: "Cargo") var cargo = ""
    @ArgumentParser.Option(name: .customLong("dependencia"), help: "Dependencia (obligatoria para responsable)") var dependency: String?
    @ArgumentParser.Option(name: .customLong("entidad"), help: "NIT de la entidad (si hay varias)") var entity: String?
    @ArgumentParser.Option(name: .customLong("clave"), help: "Contraseña; si se omite se genera una") var password: String?

    func run() async throws {
        guard let r = Role(rawValue: role) else {
            throw ValidationFailure("Rol «\(role)» no reconocido; use administrador, oci, responsable, consulta o superadmin.")
        }
        let pass = try await withApp(db) { app in
            try await VigiaTasks.createUser(email: email, name: name, role: r, cargo: cargo, password: password,
                                            dependency: dependency, entityNIT: entity, at: app.now, on: app.db)
        }
        print("Usuario \(email) creado (\(r.label)).")
        if password == nil { print("Contraseña generada: \(pass)") }
    }
}

struct CreateToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-token", abstract: "Crea un token de acceso para la API (/api/v1).")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(help: "Correo del usuario") var email: String
    @ArgumentParser.Option(name: .customLong("etiqueta"), help: "Para qué es") var label = "API"
    @ArgumentParser.Option(name: .customLong("vence-en-dias"), help: "Días hasta que venza (sin esta opción no vence)") var days: Int?

    func run() async throws {
        let token = try await withApp(db) { app in try await VigiaTasks.createToken(email: email, label: label, expiresInDays: days, at: app.now, on: app.db) }
        print("Token (guárdelo: no se vuelve a mostrar):")
        print(token)
    }
}

struct ListTokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list-tokens", abstract: "Lista los tokens de acceso a la API de un usuario.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(help: "Correo del usuario") var email: String

    func run() async throws {
        let tokens = try await withApp(db) { app in try await VigiaTasks.listTokens(email: email, on: app.db) }
        if tokens.isEmpty { print("\(email) no tiene tokens.") }
        for t in tokens {
            print("\(t.id)  «\(t.label)»  creado \(t.created.map { "\($0)" } ?? "—")  último uso \(t.lastUsed.map { "\($0)" } ?? "nunca")  vence \(t.expires.map { "\($0)" } ?? "nunca")")
        }
    }
}

struct RevokeToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke-token", abstract: "Revoca un token de acceso a la API.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Argument(help: "Identificador del token (vigia list-tokens)") var id: String

    func run() async throws {
        guard let uuid = UUID(uuidString: id) else { throw ValidationFailure("«\(id)» no es un identificador de token.") }
        try await withApp(db) { app in try await VigiaTasks.revokeToken(id: uuid, at: app.now, on: app.db) }
        print("Token \(id) revocado.")
    }
}

struct SetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-password", abstract: "Cambia la contraseña de un usuario y cierra todas sus sesiones.")
    @OptionGroup var db: DatabaseOption
    @ArgumentParser.Option(help: "Correo del usuario") var email: String
    @ArgumentParser.Option(name: .customLong("clave"), help: "Nueva contraseña (12 caracteres o más); sin esta opción se lee de la entrada estándar, para que no quede en el historial ni en ps") var password: String?

    func run() async throws {
        let password: String
        if let given = self.password { password = given } else {
            FileHandle.standardError.write(Data("Nueva contraseña: ".utf8))
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationFailure("No se recibió una contraseña.") }
            password = line
        }
        try await withApp(db) { app in try await VigiaTasks.setPassword(email: email, password: password, at: app.now, on: app.db) }
        print("Contraseña de \(email) cambiada; sus sesiones se cerraron.")
    }
}
