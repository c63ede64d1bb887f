package dev.auditdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * An older Java (Debian 11's default is 11) must get a sentence, not UnsupportedClassVersionError:
 * Main is Java 8 class-file code that checks the version before anything else loads.
 */
class OldJavaEntryPointTest {

  @Test
  void mainLoadsOnJava8AndNewer() throws Exception {
    try (InputStream in = Main.class.getResourceAsStream("Main.class");
        DataInputStream data = new DataInputStream(in)) {
      assertEquals(0xCAFEBABE, data.readInt());
      data.readUnsignedShort();
      assertEquals(52, data.readUnsignedShort(), "class file major version (52 = Java 8)");
    }
  }

  @Test
  void javaVersionsBelow17AreRecognised() {
    assertEquals(8, Main.feature("1.8"));
    assertEquals(11, Main.feature("11"));
    assertEquals(16, Main.feature("16"));
    assertEquals(17, Main.feature("17"));
    assertEquals(21, Main.feature("21"));
    assertTrue(Main.feature("1.8") < Main.REQUIRED_JAVA);
    assertTrue(Main.feature("11") < Main.REQUIRED_JAVA);
  }

  @Test
  void theOldJavaSentenceNamesBothJavasAndIsReadableByJava8() {
    String pattern =
        ResourceBundle.getBundle("dev.auditdesk.ui.messages").getString("start.oldJava");
    // Java 8 reads .properties files as ISO-8859-1: anything beyond ASCII would come out garbled.
    assertTrue(pattern.chars().allMatch(c -> c < 128), pattern);
    String text = MessageFormat.format(pattern, "17", "11.0.22", "/usr/lib/jvm/java-11");
    assertTrue(text.startsWith("AuditDesk needs Java 17 or newer, and this is Java 11.0.22"), text);
    assertTrue(text.contains("sudo apt install openjdk-17-jdk"), text);
  }
}
