package dev.auditdesk.ui.app;

import dev.auditdesk.AppDirs;
import dev.auditdesk.Version;
import dev.auditdesk.ui.common.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Help → About: the version and build date, where this user's data lives, and every library bundled
 * with the app with its licence. The library list is written at build time from the dependencies'
 * own POMs (license-maven-plugin), so it always matches what is in the jar.
 */
public final class AboutDialog extends Dialog<ButtonType> {

  private static final String LIBRARIES = "/dev/auditdesk/ui/third-party-licences.txt";

  /** One bundled library: Maven coordinates, display name, version, licences, home page. */
  public record Library(
      String coordinates, String name, String version, String licences, String url) {}

  public AboutDialog(Window owner) {
    if (owner != null) {
      initOwner(owner);
    }
    setTitle(Messages.get("about.title"));
    setResizable(true);

    ImageView icon = new ImageView(icon(64));
    Label name = new Label(Messages.get("about.name"));
    name.setId("about-name");
    name.getStyleClass().add("title-2");
    Label version = new Label(Messages.get("about.version", Version.version()));
    version.setId("about-version");
    Label built = new Label(buildText());
    built.setId("about-built");
    built.getStyleClass().add("text-muted");
    Label tagline = new Label(Messages.get("about.tagline"));
    tagline.setWrapText(true);
    VBox titles = new VBox(4, name, version, built, tagline);
    HBox header = new HBox(16, icon, titles);
    header.setAlignment(Pos.CENTER_LEFT);

    Label data = new Label(Messages.get("about.data", AppDirs.data().toString()));
    data.setId("about-data");
    data.setWrapText(true);

    Label heading = new Label(Messages.get("about.libraries"));
    heading.getStyleClass().add("title-4");
    TableView<Library> table = librariesTable();
    VBox.setVgrow(table, Priority.ALWAYS);

    VBox content = new VBox(12, header, data, heading, table);
    content.setPadding(new Insets(8, 4, 0, 4));
    content.setPrefSize(720, 560);
    getDialogPane().setContent(content);
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    getDialogPane().getStylesheets().add(Themes.APP_CSS);
    ((Stage) getDialogPane().getScene().getWindow())
        .getIcons()
        .addAll(icon(16), icon(32), icon(64));
  }

  /** The libraries this build bundles, plus the Java runtime it runs on. */
  public static List<Library> bundledLibraries() {
    List<Library> out = new ArrayList<>();
    out.add(
        new Library(
            "java",
            Messages.get("about.runtime"),
            System.getProperty("java.version"),
            "GPL-2.0 with Classpath Exception",
            "https://openjdk.org"));
    InputStream in = AboutDialog.class.getResourceAsStream(LIBRARIES);
    if (in == null) {
      return out;
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split("\\|", -1);
        if (f.length == 4) {
          String[] gav = f[0].split(":");
          out.add(new Library(f[0], f[1], gav[gav.length - 1], f[2], f[3]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static TableView<Library> librariesTable() {
    TableView<Library> table = new TableView<>();
    table.setId("about-libraries");
    table.getStyleClass().add("dense");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column(Messages.get("about.column.library"), Library::name, 260));
    table.getColumns().add(column(Messages.get("about.column.version"), Library::version, 110));
    table.getColumns().add(column(Messages.get("about.column.licence"), Library::licences, 260));
    table.getItems().setAll(bundledLibraries());
    table.setPlaceholder(new Label(Messages.get("about.libraries.none")));
    return table;
  }

  private static TableColumn<Library, String> column(
      String title, java.util.function.Function<Library, String> value, double width) {
    TableColumn<Library, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  private static String buildText() {
    String date = Version.buildDate();
    return date.isBlank() || date.startsWith("$")
        ? Messages.get("about.built.unknown")
        : Messages.get("about.built", date);
  }

  /** The app icon in the sizes window managers pick from (title bar, task switcher, dock). */
  public static List<Image> appIcons() {
    return List.of(icon(16), icon(24), icon(32), icon(48), icon(64), icon(128), icon(256));
  }

  /** The app icon at {@code size} pixels (16, 24, 32, 48, 64, 128, 256 or 512). */
  public static Image icon(int size) {
    return new Image(
        AboutDialog.class
            .getResource("/dev/auditdesk/ui/icons/auditdesk-" + size + ".png")
            .toExternalForm());
  }
}
