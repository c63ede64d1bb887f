package dev.auditdesk.ui.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * How the user left the window: theme, window bounds, table columns, the details divider and the
 * last deployment. Kept in the config folder (settings survive deleting caches), as JSON.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UiSettings(
    ThemeChoice theme,
    WindowBounds window,
    List<ColumnLayout> columns,
    double detailsDivider,
    String lastDeployment,
    List<ColumnLayout> connectionColumns) {

  /** Window position and size in screen coordinates; {@code width <= 0} means "not saved yet". */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    public static final WindowBounds NONE = new WindowBounds(0, 0, 0, 0, false);

    public boolean isSaved() {
      return width > 0 && height > 0;
    }
  }

  /** One table column, in display order: its id, width and whether it is shown. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ColumnLayout(String id, double width, boolean visible) {}

  /** The details pane's first width: about 370 px of a laptop's 1366 (the table needs the rest). */
  public static final double DEFAULT_DETAILS_DIVIDER = 0.72;

  public static final UiSettings DEFAULTS =
      new UiSettings(
          ThemeChoice.SYSTEM, WindowBounds.NONE, List.of(), DEFAULT_DETAILS_DIVIDER, "", List.of());

  public UiSettings {
    theme = theme == null ? ThemeChoice.SYSTEM : theme;
    window = window == null ? WindowBounds.NONE : window;
    columns = columns == null ? List.of() : List.copyOf(columns);
    detailsDivider =
        detailsDivider <= 0.05 || detailsDivider >= 0.95 ? DEFAULT_DETAILS_DIVIDER : detailsDivider;
    lastDeployment = lastDeployment == null ? "" : lastDeployment;
    connectionColumns = connectionColumns == null ? List.of() : List.copyOf(connectionColumns);
  }

  public UiSettings withTheme(ThemeChoice t) {
    return new UiSettings(t, window, columns, detailsDivider, lastDeployment, connectionColumns);
  }

  public UiSettings withWindow(WindowBounds w) {
    return new UiSettings(theme, w, columns, detailsDivider, lastDeployment, connectionColumns);
  }

  public UiSettings withColumns(List<ColumnLayout> c) {
    return new UiSettings(theme, window, c, detailsDivider, lastDeployment, connectionColumns);
  }

  /** The Connections view's columns, kept apart from the audit table's. */
  public UiSettings withConnectionColumns(List<ColumnLayout> c) {
    return new UiSettings(theme, window, columns, detailsDivider, lastDeployment, c);
  }

  public UiSettings withDetailsDivider(double d) {
    return new UiSettings(theme, window, columns, d, lastDeployment, connectionColumns);
  }

  public UiSettings withLastDeployment(String url) {
    return new UiSettings(theme, window, columns, detailsDivider, url, connectionColumns);
  }
}
