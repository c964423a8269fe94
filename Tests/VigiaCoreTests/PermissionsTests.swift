import Foundation
import Testing
@testable import VigiaCore

@Suite("Who may do what with a plan or a program")
struct PermissionsTests {
    @Test("Formulate: every role but consulta and the superadministrador, never a closed plan, a responsable only while in formulación",
          arguments: Role.allCases, PlanStatus.allCases)
    func formulate(role: Role, status: PlanStatus) {
        let expected: Bool = switch (role, status) {
        case (.consulta, _), (.superadmin, _), (_, .cerrado): false
        case (.responsable, let s): s == .formulacion
        default: true
        }
        #expect(PlanPermissions.canFormulate(role: role, status: status) == expected)
        #expect((PlanPermissions.formulateRefusal(role: role, status: status) == nil) == expected)
    }

    @Test func refusalsNameTheReason() {
        #expect(PlanPermissions.formulateRefusal(role: .consulta, status: .formulacion) == "Su rol (Consulta) solo permite consultar.")
        #expect(PlanPermissions.formulateRefusal(role: .oci, status: .cerrado) == "El plan está cerrado: ya no admite cambios.")
        #expect(PlanPermissions.formulateRefusal(role: .responsable, status: .suscrito)?.hasPrefix("El plan ya fue suscrito") == true)
    }

    @Test func onlyTheOCIAndTheAdministradorGradeCreateAndFollowUp() {
        for role in Role.allCases {
            let oci = role == .oci || role == .administrador
            #expect(PlanPermissions.canGrade(role: role) == oci)
            #expect(PlanPermissions.canCreate(role: role) == oci)
            #expect(ProgramPermissions.canFollowUp(role: role) == oci)
            #expect(ProgramPermissions.canFormulate(role: role) == oci)
            #expect(PlanPermissions.canGradeRound(role: role, round: .borrador) == oci)
            #expect(!PlanPermissions.canGradeRound(role: role, round: .publicado))
        }
    }

    @Test func aResponsableSeesAndMonitorsOnlyWithItsDependency() {
        let mine = UUID(), other = UUID()
        #expect(PlanPermissions.canSee(role: .responsable, userDependency: mine, planDependency: mine))
        #expect(!PlanPermissions.canSee(role: .responsable, userDependency: mine, planDependency: other))
        #expect(!PlanPermissions.canSee(role: .responsable, userDependency: nil, planDependency: nil))
        #expect(PlanPermissions.canSee(role: .consulta, userDependency: nil, planDependency: other))
        #expect(!PlanPermissions.canSee(role: .superadmin, userDependency: nil, planDependency: other))
        #expect(ProgramPermissions.canMonitor(role: .responsable, hasDependency: true))
        #expect(!ProgramPermissions.canMonitor(role: .responsable, hasDependency: false))
        #expect(!ProgramPermissions.canMonitor(role: .oci, hasDependency: true))
        #expect(PlanPermissions.writesSelfReports(role: .responsable))
        #expect(!PlanPermissions.writesSelfReports(role: .oci))
    }
}
