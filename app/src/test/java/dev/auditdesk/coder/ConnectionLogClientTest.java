package dev.auditdesk.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.DemoDeployments;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.format.ConnectionRowJson;
import dev.auditdesk.format.ConnectionSearch;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's connection-log call against the demo deployment over real HTTP. */
class ConnectionLogClientTest {

  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  private DemoServer demo(DemoConfig cfg) {
    return demos.start(cfg.withEvents(50));
  }

  @Test
  void pagesNewestFirstKeepEveryOriginalRowAndTheCount() throws Exception {
    DemoServer s = demo(DemoConfig.defaults().withConnections(300));
    CoderClient c = demos.signedIn(s);
    ConnectionLogPage first = c.connectionLog("", 100, 0);
    assertEquals(300, first.count());
    assertEquals(2000, first.countCap());
    assertEquals(100, first.rows().size());
    for (int i = 1; i < first.rows().size(); i++) {
      assertFalse(
          first.rows().get(i).connectTime().isAfter(first.rows().get(i - 1).connectTime()),
          "newest connect time first");
    }
    ConnectionRow r = first.rows().get(7);
    assertEquals(r, ConnectionRowJson.parse(r.rawJson()), "the raw JSON is the row");
    Set<String> ids = new HashSet<>();
    for (int off = 0; off < 300; off += 100) {
      ids.addAll(c.connectionLog("", 100, off).rows().stream().map(ConnectionRow::id).toList());
    }
    assertEquals(
        s.connectionRows().stream().map(ConnectionRow::id).collect(Collectors.toSet()).size(), 300);
    assertTrue(ids.size() > 290, "ties may straddle pages, but few: " + ids.size());
  }

  @Test
  void theDemoLogHasEveryKindAnAuditorMeets() {
    DemoServer s = demo(DemoConfig.defaults());
    List<ConnectionRow> rows = s.connectionRows();
    Set<ConnectionType> families =
        rows.stream().map(ConnectionRow::family).collect(Collectors.toSet());
    assertEquals(Set.of(ConnectionType.values()), families, "every family, unknown types too");
    assertTrue(rows.stream().anyMatch(r -> r.status() == ConnectionStatus.ONGOING));
    assertTrue(rows.stream().anyMatch(r -> r.type().equals("tunnel") && r.failed()));
    assertTrue(rows.stream().anyMatch(r -> r.type().equals("cursor")));
    assertTrue(rows.stream().anyMatch(r -> r.exitCode().orElse(0) != 0));
  }

  @Test
  void searchKeysFilterLikeCoderAndAFamilyFindsItsApps() throws Exception {
    DemoServer s = demo(DemoConfig.defaults());
    CoderClient c = demos.signedIn(s);
    List<ConnectionRow> vscode = c.connectionLog("type:vscode", 2000, 0).rows();
    assertTrue(vscode.stream().anyMatch(r -> r.type().equals("cursor")));
    assertTrue(vscode.stream().allMatch(r -> r.family() == ConnectionType.VSCODE));
    List<ConnectionRow> ongoing = c.connectionLog("status:ongoing", 2000, 0).rows();
    long expected =
        s.connectionRows().stream().filter(r -> r.status() == ConnectionStatus.ONGOING).count();
    assertEquals(expected, ongoing.size());
    ConnectionRow pick = s.connectionRows().get(100);
    Instant t = pick.connectTime();
    String q =
        ConnectionSearch.window(t, t, Map.of("workspace_owner", pick.workspaceOwnerUsername()));
    List<ConnectionRow> at = c.connectionLog(q, 100, 0).rows();
    assertTrue(at.stream().anyMatch(r -> r.id().equals(pick.id())), q);
    assertTrue(at.stream().allMatch(r -> r.connectTime().equals(t)));
    CoderException bad =
        assertThrows(CoderException.class, () -> c.connectionLog("action:x", 1, 0));
    assertEquals(CoderException.Kind.BAD_QUERY, bad.kind());
  }

  @Test
  void anOlderCoderAndAMemberGetATypedPlainOutcome() throws Exception {
    DemoServer old = demo(DemoConfig.defaults().withConnectionLog(false));
    ConnectionLogUnavailable none =
        assertThrows(
            ConnectionLogUnavailable.class, () -> demos.signedIn(old).connectionLog("", 10, 0));
    assertEquals(ConnectionLogUnavailable.Reason.NOT_SUPPORTED, none.reason());
    assertTrue(none.userMessage().contains("no connection log"), none.userMessage());
    assertFalse(none.kind().authFailure() || none.kind().transientFailure());

    DemoServer s = demo(DemoConfig.defaults());
    CoderClient member = demos.client(s.url());
    member.login(s.memberEmail(), s.password().toCharArray());
    ConnectionLogUnavailable denied =
        assertThrows(ConnectionLogUnavailable.class, () -> member.connectionLog("", 10, 0));
    assertEquals(ConnectionLogUnavailable.Reason.NOT_PERMITTED, denied.reason());
  }
}
