import Foundation
import Testing
import VigiaCore
@testable import VigiaServer

@Suite("The monitoreo evidence page renders from its view model alone")
struct MonitoringEvidencePageTests {
    @Test func filesOnlyTheirUploaderMayRemoveAndTheUploadForm() {
        // setup
        let mine = UUID(), theirs = UUID()
        let model = MonitoringEvidencePage.Model(
            programID: UUID(), periodNumber: 3, periodName: "TERCER CUATRIMESTRE 2026", activityID: UUID(),
            activity: "Publicar el informe <de gestión>", files: [
                .init(id: mine, name: "acta \"final\".pdf", sizeBytes: 20_480, uploadedBy: "María", removable: true),
                .init(id: theirs, name: "foto.png", sizeBytes: 1_024, uploadedBy: "Pedro", removable: false),
            ], canUpload: true, error: "Archivo «x.exe»: su contenido no es válido.")
        // MUT
        let html = Layout.html(PageContext(title: "Evidencias", csrf: "t")) { MonitoringEvidencePage.View.content(model, csrf: "t") }
        // validate
        #expect(html.contains("Evidencias del monitoreo · Tercer Cuatrimestre 2026"))
        #expect(html.contains("Publicar el informe &lt;de gestión&gt;"))
        #expect(html.contains("acta &quot;final&quot;.pdf"))
        #expect(html.contains("20 KB"))
        #expect(html.contains("/evidencias/\(mine)/eliminar"))
        #expect(!html.contains("/evidencias/\(theirs)/eliminar"))
        #expect(html.components(separatedBy: "Quitar").count == 2)   // one removable file
        #expect(html.contains("enctype=\"multipart/form-data\""))
        #expect(html.contains("role=\"alert\""))
        let reader = MonitoringEvidencePage.Model(programID: model.programID, periodNumber: 3, periodName: "x", activityID: model.activityID,
                                                  activity: "y", files: [], canUpload: false, error: nil)
        let empty = Layout.html(PageContext(title: "Evidencias", csrf: "t")) { MonitoringEvidencePage.View.content(reader, csrf: "t") }
        #expect(empty.contains("Sin archivos."))
        #expect(!empty.contains("multipart/form-data"))
    }
}
