package dev.auditdesk;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Proves every architecture rule can fail: classes that break them (compiled into the test tree
 * under the real package names) are rejected, each rule by at least one of them.
 */
class ArchitectureRulesCatchViolationsTest {

  private static final JavaClasses VIOLATORS =
      new ClassFileImporter()
          .importClasses(
              dev.auditdesk.cache.ViolatesSceneRule.class,
              dev.auditdesk.ui.testing.ViolatesSqlRule.class,
              dev.auditdesk.ui.testing.ViolatesHttpRule.class,
              dev.auditdesk.model.ViolatesModelRule.class,
              dev.auditdesk.format.ViolatesFormatRule.class,
              dev.auditdesk.cache.ViolatesLayerRule.class,
              dev.auditdesk.sync.LeansOnCache.class,
              dev.auditdesk.ui.timeline.LeansOnDetails.class,
              dev.auditdesk.ui.details.LeansOnTimeline.class);

  private static void rejects(ArchRule rule) {
    assertThrows(AssertionError.class, () -> rule.check(VIOLATORS));
  }

  @Test
  void aCacheClassUsingJavafxSceneFailsTheBuild() {
    rejects(ArchitectureTest.ONLY_UI_TOUCHES_JAVAFX_SCENE);
  }

  @Test
  void aUiClassUsingJdbcFailsTheBuild() {
    rejects(ArchitectureTest.UI_NEVER_RUNS_SQL);
  }

  @Test
  void aUiClassSpeakingHttpFailsTheBuild() {
    rejects(ArchitectureTest.UI_NEVER_SPEAKS_HTTP);
  }

  @Test
  void aModelClassOpeningADatabaseFailsTheBuild() {
    rejects(ArchitectureTest.MODEL_IS_PLAIN);
  }

  @Test
  void aFormatClassUsingTheHttpClientFailsTheBuild() {
    rejects(ArchitectureTest.FORMAT_STANDS_ON_MODEL_ONLY);
  }

  @Test
  void theCacheReachingUpIntoTheSyncFailsTheBuild() {
    rejects(ArchitectureTest.LAYERS);
  }

  @Test
  void twoPackagesLeaningOnEachOtherFailTheBuild() {
    rejects(ArchitectureTest.PACKAGES_FREE_OF_CYCLES);
  }

  @Test
  void twoFeaturesLeaningOnEachOtherFailTheBuild() {
    rejects(ArchitectureTest.UI_FEATURES_FREE_OF_CYCLES);
  }

  @Test
  void aFeatureReachingIntoTheAssemblerFailsTheBuild() {
    rejects(ArchitectureTest.FEATURES_DO_NOT_REACH_INTO_THE_ASSEMBLER);
  }
}
