package dev.auditdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * Every stylesheet parses without an error: JavaFX only logs a broken rule and drops what follows
 * it, so a lost brace silently unstyles whole panels (it once hid the Insights panel's colours).
 */
class StylesheetsParseTest {

  @Test
  void theAppStylesheetsParseWithoutErrors() throws Exception {
    for (String name : List.of("/dev/auditdesk/ui/app.css", "/dev/auditdesk/ui/auditdesk.css")) {
      URL url = getClass().getResource(name);
      assertNotNull(url, name + " is on the class path");
      CssParser.errorsProperty().clear();
      Stylesheet sheet = new CssParser().parse(url);
      List<String> errors =
          CssParser.errorsProperty().stream().map(CssParser.ParseError::toString).toList();
      assertEquals(List.of(), errors, name);
      assertTrue(sheet.getRules().size() > 0, name + " has its rules");
    }
  }
}
