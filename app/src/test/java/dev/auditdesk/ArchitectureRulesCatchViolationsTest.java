package dev.auditdesk;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Proves the architecture rules can fail: classes that break them (compiled into the test tree
 * under the real package names) are rejected.
 */
class ArchitectureRulesCatchViolationsTest {

  private static JavaClasses violators() {
    return new ClassFileImporter()
        .importClasses(
            dev.auditdesk.cache.ViolatesSceneRule.class,
            dev.auditdesk.ui.testing.ViolatesSqlRule.class,
            dev.auditdesk.format.ViolatesFormatRule.class);
  }

  @Test
  void aCacheClassUsingJavafxSceneFailsTheBuild() {
    assertThrows(
        AssertionError.class,
        () -> ArchitectureTest.ONLY_UI_TOUCHES_JAVAFX_SCENE.check(violators()));
  }

  @Test
  void aUiClassUsingJdbcFailsTheBuild() {
    assertThrows(AssertionError.class, () -> ArchitectureTest.UI_NEVER_RUNS_SQL.check(violators()));
  }

  @Test
  void aFormatClassUsingTheHttpClientFailsTheBuild() {
    assertThrows(
        AssertionError.class,
        () -> ArchitectureTest.FORMAT_STANDS_ON_MODEL_ONLY.check(violators()));
  }
}
