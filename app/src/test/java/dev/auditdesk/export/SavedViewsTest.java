package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedViewsTest {

  @TempDir Path dir;

  static final AuditQuery FAILED_LOGINS =
      AuditQuery.ALL
          .with(Facet.ACTION, Set.of("login", "logout"))
          .with(Facet.USER, Set.of("alice"))
          .with(Facet.RESOURCE_TYPE, Set.of("api_key"))
          .with(Facet.RESOURCE_TARGET, Set.of("my template"))
          .withRange(
              new DateRange(
                  Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")))
          .withText("vpn")
          .withEmails(List.of("a@example.com"))
          .withBuildReasons(List.of("autostart"))
          .withRequestId("r-1")
          .withResourceId("res-1");

  static final SavedView VIEW =
      new SavedView(
          "Failed logins, Q4",
          FAILED_LOGINS,
          new SortOrder(SortColumn.USER, true),
          List.of("time", "user", "action", "status"));

  @Test
  void aSavedViewReopensWithTheSameFilterSortAndColumns() throws IOException {
    SavedViews views = new SavedViews(dir.resolve("views"));
    views.save(VIEW);
    views.save(new SavedView("Everything", AuditQuery.ALL, SortOrder.NEWEST_FIRST, List.of()));

    SavedViews reopened = new SavedViews(dir.resolve("views"));
    assertEquals(List.of("Everything", "Failed logins, Q4"), names(reopened.list()));
    assertEquals(VIEW, reopened.find("failed logins, q4").orElseThrow());
  }

  @Test
  void aViewOfTheConnectionLogReopensAsOneWithItsFiltersSortAndColumns() throws IOException {
    ConnectionQuery q =
        ConnectionQuery.ALL
            .withFamilies(Set.of(ConnectionType.SSH, ConnectionType.TUNNEL))
            .withTypes(Set.of("cursor"))
            .withOwner("alice")
            .withUser("bob")
            .withWorkspace("dev-1")
            .withStatuses(Set.of(ConnectionStatus.ONGOING))
            .withRange(
                new DateRange(
                    Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z")));
    SavedView v =
        SavedView.ofConnections(
            "Open sessions",
            q,
            new ConnectionSort(ConnectionSort.Column.DURATION, false),
            List.of("conn-col-time", "conn-col-user"));
    SavedViews views = new SavedViews(dir.resolve("views"));
    views.save(v);

    SavedView back = new SavedViews(dir.resolve("views")).find("open sessions").orElseThrow();

    assertEquals(v, back);
    assertEquals(SavedView.Log.CONNECTIONS, back.log());
    assertTrue(v.toJson().contains("\"log\" : \"connections\""), v.toJson());
    assertEquals(SavedView.Log.AUDIT, SavedView.fromJson(VIEW.toJson()).log(), "an audit view");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SavedView.fromJson(v.toJson().replace("\"ssh\"", "\"telnet\"")));
    assertEquals("the connection type \"telnet\" is unknown", e.getMessage());
  }

  @Test
  void savingUnderAnExistingNameReplacesThatView() throws IOException {
    SavedViews views = new SavedViews(dir);
    views.save(VIEW);
    SavedView changed =
        new SavedView(VIEW.name(), AuditQuery.ALL, SortOrder.NEWEST_FIRST, List.of());
    views.save(changed);
    assertEquals(List.of(changed), views.list());
  }

  @Test
  void renameKeepsTheViewAndRefusesATakenName() throws IOException {
    SavedViews views = new SavedViews(dir);
    views.save(VIEW);
    views.save(new SavedView("Other", AuditQuery.ALL, SortOrder.NEWEST_FIRST, List.of()));
    views.rename("Failed logins, Q4", "Logins");
    assertEquals(VIEW.withName("Logins"), views.find("Logins").orElseThrow());
    assertTrue(views.find("Failed logins, Q4").isEmpty());
    IOException e = assertThrows(IOException.class, () -> views.rename("Logins", "other"));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertEquals(2, views.list().size());
  }

  @Test
  void deleteRemovesOnlyThatView() throws IOException {
    SavedViews views = new SavedViews(dir);
    views.save(VIEW);
    views.save(new SavedView("Other", AuditQuery.ALL, SortOrder.NEWEST_FIRST, List.of()));
    views.delete("Failed logins, Q4");
    assertEquals(List.of("Other"), names(views.list()));
    assertThrows(IOException.class, () -> views.delete("Failed logins, Q4"));
  }

  @Test
  void anExportedViewImportsElsewhereWithoutOverwritingALocalViewOfTheSameName()
      throws IOException {
    Path shared = dir.resolve("shared-view.json");
    SavedViews.exportTo(VIEW, shared);

    SavedViews colleague = new SavedViews(dir.resolve("colleague"));
    assertEquals(VIEW, colleague.importFrom(shared));
    SavedView second = colleague.importFrom(shared);
    assertEquals(VIEW.withName("Failed logins, Q4 (2)"), second);
    assertEquals(2, colleague.list().size());
  }

  @Test
  void importingAFileThatIsNotAViewSaysSoPlainly() throws IOException {
    Path notAView = dir.resolve("events.json");
    Files.writeString(notAView, "[{\"id\":\"x\"}]");
    IOException e =
        assertThrows(
            IOException.class, () -> new SavedViews(dir.resolve("v")).importFrom(notAView));
    assertTrue(e.getMessage().contains("not an AuditDesk saved view"), e.getMessage());
  }

  @Test
  void aForeignFileInTheViewsFolderIsLeftAlone() throws IOException {
    SavedViews views = new SavedViews(dir);
    Files.writeString(dir.resolve("notes.json"), "{\"mine\": true}");
    views.save(VIEW);
    assertEquals(List.of(VIEW), views.list());
    assertTrue(Files.exists(dir.resolve("notes.json")));
  }

  private static List<String> names(List<SavedView> views) {
    return views.stream().map(SavedView::name).toList();
  }
}
