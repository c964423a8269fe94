import Fluent
import Vapor

extension Application {
    /// Append-only: a migration once released is never edited, only followed by another.
    func registerMigrations() {
        migrations.add(M001_CreateEntity())
        migrations.add(M002_CreateDependency())
        migrations.add(M003_CreateUser())
        migrations.add(M004_CreateImprovementPlan())
        migrations.add(M005_CreateFinding())
        migrations.add(M006_CreateAction())
        migrations.add(M007_CreateActionDependency())
        migrations.add(M008_CreateFollowUpRound())
        migrations.add(M009_CreateActionAssessment())
        migrations.add(M010_CreateFindingAssessment())
        migrations.add(M011_CreateChangeLogEntry())
        migrations.add(M012_CreateSignature())
        migrations.add(M013_CreateAuditEvent())
        migrations.add(M014_CreateApiToken())
        migrations.add(SessionRecord.migration)
        migrations.add(M015_CreateAnticorruptionProgram())
        migrations.add(M016_AddProgramToAuditEvents())
        migrations.add(M017_AddProgramStatus())
        migrations.add(M018_CreatePublication())
        migrations.add(M019_CreateProgressReports())
        migrations.add(M020_CreateCalendarToken())
        migrations.add(M021_CreateNotification())
        migrations.add(M022_SecurityHardening())
        migrations.add(M023_CorrectionNotes())
        migrations.add(M024_OneProgressReportTable())
        migrations.add(M025_AccountAdministration())
        migrations.add(M026_EntityDocumentSettings())
        migrations.add(M027_InstallEntity())
        migrations.add(M028_Indexes())
        migrations.add(M029_PlanRevisions())
        migrations.add(M030_EvidenceBlobs())
        migrations.add(M031_ProgramRevisions())
        migrations.add(M032_EntityRevisions())
        migrations.add(M033_RiskMaps())
        migrations.add(M034_AuditOrderIndexes())
        migrations.add(M035_RiskMapPublications())
    }
}
