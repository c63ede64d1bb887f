package dev.auditdesk.launch;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.Logging;
import dev.auditdesk.cli.AuditDeskCli;
import dev.auditdesk.ui.app.GuiLauncher;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code java -jar auditdesk.jar} runs once {@code dev.auditdesk.Main} has checked the Java
 * version: any argument runs the headless command line (which never needs a display); no argument
 * checks what the window needs, then opens it with JavaFX on the module path.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    Logging.init();
    if (args.length > 0) {
      System.exit(AuditDeskCli.run(args));
    }
    Optional<String> problem;
    try {
      problem = StartCheck.forThisComputer().problem();
    } catch (RuntimeException e) {
      // A check that breaks must not keep a working window from opening.
      LoggerFactory.getLogger(Launcher.class).warn("The start checks failed; starting anyway", e);
      problem = Optional.empty();
    }
    if (problem.isPresent()) {
      Logger log = LoggerFactory.getLogger(Launcher.class);
      log.warn("The window cannot open here: {}", problem.get());
      System.err.println(problem.get());
      System.exit(ExitCodes.NO_WINDOW);
    }
    OptionalInt child = JavaFxModules.startWindowOnModulePath(args);
    if (child.isPresent()) {
      System.exit(child.getAsInt());
    }
    GuiLauncher.launch(args);
  }
}
