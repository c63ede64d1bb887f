package dev.auditdesk;

import dev.auditdesk.coder.ClientOptions;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.coder.CoderException;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Demo deployments on free loopback ports, and clients for them, that a test starts; all are closed
 * after each test, newest first. Register with {@code @RegisterExtension final DemoDeployments
 * demos = new DemoDeployments();}.
 */
public final class DemoDeployments implements AfterEachCallback {

  private final List<AutoCloseable> open = new ArrayList<>();

  /** A demo deployment with {@code cfg}, on a free port whatever port {@code cfg} names. */
  public DemoServer start(DemoConfig cfg) {
    return closeAfter(DemoServer.start(cfg.withPort(0)));
  }

  /** A client of {@code url} that has not signed in. */
  public CoderClient client(URI url) throws CoderException {
    return client(url, ClientOptions.defaults());
  }

  public CoderClient client(URI url, ClientOptions options) throws CoderException {
    return closeAfter(CoderClient.create(new Deployment(url, ""), options));
  }

  /** A client signed in to {@code s} as its owner/auditor account. */
  public CoderClient signedIn(DemoServer s) throws CoderException {
    CoderClient c = client(s.url());
    c.login(s.email(), s.password().toCharArray());
    return c;
  }

  /** Closes {@code t} after the test, with the deployments and clients. */
  public <T extends AutoCloseable> T closeAfter(T t) {
    open.add(t);
    return t;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    open.clear();
  }
}
