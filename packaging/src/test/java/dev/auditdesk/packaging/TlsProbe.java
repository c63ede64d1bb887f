package dev.auditdesk.packaging;

import javax.net.ssl.SSLContext;

/**
 * Run by {@link InstalledPackageIT} on the bundled runtime's own {@code java}: prints the TLS
 * cipher suites a connection to a Coder server could offer, one per line.
 */
public final class TlsProbe {

  private TlsProbe() {}

  public static void main(String[] args) throws Exception {
    for (String suite : SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()) {
      System.out.println(suite);
    }
  }
}
