package dev.auditdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of docs/ARCHITECTURE.md, enforced on every build. */
class ArchitectureTest {

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.auditdesk");
  }

  /** Only the UI layer draws: the CLI and the services must run without a display. */
  static final ArchRule ONLY_UI_TOUCHES_JAVAFX_SCENE =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.auditdesk.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
          .because("only the ui package may draw; everything else runs headless");

  /** The UI never runs SQL: it asks the cache's query methods, off the FX thread. */
  static final ArchRule UI_NEVER_RUNS_SQL =
      noClasses()
          .that()
          .resideInAPackage("dev.auditdesk.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "org.h2..")
          .because("views and view models talk to the cache layer, never to the database");

  /** The UI never speaks HTTP itself. */
  static final ArchRule UI_NEVER_SPEAKS_HTTP =
      noClasses()
          .that()
          .resideInAPackage("dev.auditdesk.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.hc..", "java.net.http..")
          .because("HTTP belongs to the coder package");

  /** The model is plain data: no database, no HTTP, no drawing. */
  static final ArchRule MODEL_IS_PLAIN =
      noClasses()
          .that()
          .resideInAPackage("dev.auditdesk.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "org.h2..",
              "org.apache.hc..",
              "javafx.scene..",
              "dev.auditdesk.cache..",
              "dev.auditdesk.coder..",
              "dev.auditdesk.format..",
              "dev.auditdesk.sync..",
              "dev.auditdesk.ui..")
          .because("records and the query model stand below every other layer");

  /**
   * The JSON codec and the query language stand on the model alone, so every layer may use them.
   */
  static final ArchRule FORMAT_STANDS_ON_MODEL_ONLY =
      noClasses()
          .that()
          .resideInAPackage("dev.auditdesk.format..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.auditdesk.coder..",
              "dev.auditdesk.cache..",
              "dev.auditdesk.sync..",
              "dev.auditdesk.export..",
              "dev.auditdesk.demo..",
              "dev.auditdesk.ui..",
              "dev.auditdesk.cli..")
          .because("cache, export, coder and demo all read and write the same JSON and queries");

  /** Data flows one way: lower layers never reach up into the UI or the CLI. */
  static final ArchRule LOWER_LAYERS_DO_NOT_REACH_UP =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.auditdesk.model..",
              "dev.auditdesk.format..",
              "dev.auditdesk.coder..",
              "dev.auditdesk.cache..",
              "dev.auditdesk.sync..",
              "dev.auditdesk.export..",
              "dev.auditdesk.demo..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.auditdesk.ui..", "dev.auditdesk.cli..");

  @Test
  void onlyUiTouchesJavafxScene() {
    ONLY_UI_TOUCHES_JAVAFX_SCENE.check(production);
  }

  @Test
  void uiNeverRunsSql() {
    UI_NEVER_RUNS_SQL.check(production);
  }

  @Test
  void uiNeverSpeaksHttp() {
    UI_NEVER_SPEAKS_HTTP.check(production);
  }

  @Test
  void modelIsPlainData() {
    MODEL_IS_PLAIN.check(production);
  }

  @Test
  void formatStandsOnModelOnly() {
    FORMAT_STANDS_ON_MODEL_ONLY.check(production);
  }

  @Test
  void lowerLayersDoNotReachUp() {
    LOWER_LAYERS_DO_NOT_REACH_UP.check(production);
  }
}
