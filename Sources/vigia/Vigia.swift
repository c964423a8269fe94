import ArgumentParser
import Fluent
import Foundation
import Logging
import Vapor
import VigiaCore
import VigiaServer

@main
struct Vigia: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigia",
        abstract: "Vigía: planes de mejoramiento y seguimientos de la Oficina de Control Interno.",
        subcommands: [Serve.self, Migrate.self, ImportCommand.self, ExportCommand.self, CheckCommand.self,
                      CreateUser.self, CreateToken.self, ListTokens.self, RevokeToken.self, SetPassword.self, DemoCommand.self, NotifyCommand.self,
                      BackupCommand.self, RestoreCommand.self, CopyEvidenceCommand.self])
}
