package dev.auditdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

  /**
   * The layers of docs/ARCHITECTURE.md, bottom to top: support (the root package) and model,
   * format, coder and cache, export, sync and demo, then the two front ends (ui, cli), then launch.
   * A layer uses only layers below it; data flows up from the server and the cache to the front
   * ends and never back down into them.
   */
  static final ArchRule LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Launch")
          .definedBy("dev.auditdesk.launch..")
          .layer("Ui")
          .definedBy("dev.auditdesk.ui..")
          .layer("Cli")
          .definedBy("dev.auditdesk.cli..")
          .layer("Sync")
          .definedBy("dev.auditdesk.sync..")
          .layer("Archive")
          .definedBy("dev.auditdesk.archive..")
          .layer("Export")
          .definedBy("dev.auditdesk.export..")
          .layer("Insights")
          .definedBy("dev.auditdesk.insights..")
          .layer("Demo")
          .definedBy("dev.auditdesk.demo..")
          .layer("Coder")
          .definedBy("dev.auditdesk.coder..")
          .layer("Cache")
          .definedBy("dev.auditdesk.cache..")
          .layer("Format")
          .definedBy("dev.auditdesk.format..")
          .layer("Model")
          .definedBy("dev.auditdesk.model..")
          .layer("Support")
          .definedBy("dev.auditdesk")
          .whereLayer("Launch")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Ui")
          .mayOnlyBeAccessedByLayers("Launch")
          .whereLayer("Cli")
          .mayOnlyBeAccessedByLayers("Launch")
          .whereLayer("Sync")
          .mayOnlyBeAccessedByLayers("Ui", "Cli")
          .whereLayer("Archive")
          .mayOnlyBeAccessedByLayers("Ui", "Cli", "Launch")
          .whereLayer("Export")
          .mayOnlyBeAccessedByLayers("Ui", "Cli")
          .whereLayer("Insights")
          .mayOnlyBeAccessedByLayers("Ui", "Cli")
          .whereLayer("Demo")
          .mayOnlyBeAccessedByLayers("Ui", "Cli")
          .whereLayer("Coder")
          .mayOnlyBeAccessedByLayers("Sync", "Ui", "Cli")
          .whereLayer("Cache")
          .mayOnlyBeAccessedByLayers("Export", "Insights", "Sync", "Archive", "Ui", "Cli")
          .whereLayer("Format")
          .mayOnlyBeAccessedByLayers(
              "Coder", "Cache", "Export", "Insights", "Sync", "Archive", "Demo", "Ui", "Cli")
          .whereLayer("Model")
          .mayOnlyBeAccessedByLayers(
              "Format",
              "Coder",
              "Cache",
              "Export",
              "Insights",
              "Sync",
              "Archive",
              "Demo",
              "Ui",
              "Cli",
              "Launch");

  /** No two top-level packages lean on each other, so each can be read and changed alone. */
  static final ArchRule PACKAGES_FREE_OF_CYCLES =
      slices().matching("dev.auditdesk.(*)..").should().beFreeOfCycles();

  /** The window's features (table, filters, details, ...) never lean on each other in a circle. */
  static final ArchRule UI_FEATURES_FREE_OF_CYCLES =
      slices().matching("dev.auditdesk.ui.(*)..").should().beFreeOfCycles();

  /**
   * ui/app assembles the window from the features; a feature never reaches back into it, so a
   * feature's folder is all one needs to read to change it.
   */
  static final ArchRule FEATURES_DO_NOT_REACH_INTO_THE_ASSEMBLER =
      noClasses()
          .that()
          .resideInAPackage("dev.auditdesk.ui..")
          .and()
          .resideOutsideOfPackage("dev.auditdesk.ui.app..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.auditdesk.ui.app..")
          .because("ui/app builds the window from the features, not the other way round");

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
  void layersOnlyUseLayersBelow() {
    LAYERS.check(production);
  }

  @Test
  void packagesAreFreeOfCycles() {
    PACKAGES_FREE_OF_CYCLES.check(production);
  }

  @Test
  void uiFeaturesAreFreeOfCycles() {
    UI_FEATURES_FREE_OF_CYCLES.check(production);
  }

  @Test
  void featuresDoNotReachIntoTheAssembler() {
    FEATURES_DO_NOT_REACH_INTO_THE_ASSEMBLER.check(production);
  }
}
