package dev.auditdesk.coder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the TLS trust for a {@link CoderClient}: the system's trusted authorities plus, when
 * configured, the certificates of a PEM bundle (a company's private CA). Expiry is checked first so
 * an expired certificate is reported as expired, not as "untrusted".
 */
final class TrustSetup {

  private static final Pattern PEM_CERT =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

  private TrustSetup() {}

  static SSLContext sslContext(ClientOptions o) throws CoderException {
    try {
      X509TrustManager tm;
      if (o.dangerouslyTrustAnyCertificate()) {
        tm = new TrustAnything();
      } else {
        X509TrustManager system = trustManager(null);
        X509TrustManager bundle =
            o.caBundle() == null ? null : trustManager(keyStore(readPem(o.caBundle())));
        tm = new SystemPlusBundle(system, bundle);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new CoderException(
          CoderException.Kind.TLS,
          "Secure connections cannot be set up on this computer (" + e.getMessage() + ").");
    }
  }

  /** All certificates in a PEM file; text around the blocks (as openssl writes it) is ignored. */
  static List<X509Certificate> readPem(Path file) throws CoderException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new CoderException(
          CoderException.Kind.TLS,
          "The certificate file "
              + file
              + " could not be read. Check that it exists and that you may read it.");
    }
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      Matcher m = PEM_CERT.matcher(text);
      while (m.find()) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new CoderException(
          CoderException.Kind.TLS,
          "The certificate file " + file + " contains a damaged certificate. Export it again.");
    }
    if (certs.isEmpty()) {
      throw new CoderException(
          CoderException.Kind.TLS,
          "The file "
              + file
              + " contains no certificate. It must be a PEM file with \"-----BEGIN"
              + " CERTIFICATE-----\" blocks.");
    }
    return certs;
  }

  private static KeyStore keyStore(List<X509Certificate> certs) throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    for (int i = 0; i < certs.size(); i++) {
      ks.setCertificateEntry("ca-" + i, certs.get(i));
    }
    return ks;
  }

  private static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    for (TrustManager t : f.getTrustManagers()) {
      if (t instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  private record SystemPlusBundle(X509TrustManager system, X509TrustManager bundle)
      implements X509TrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain != null && chain.length > 0) {
        // Report expiry as such; the PKIX error for it is an unhelpful "path not found".
        chain[0].checkValidity();
      }
      if (bundle != null) {
        try {
          bundle.checkServerTrusted(chain, authType);
          return;
        } catch (CertificateException notByBundle) {
          // Fall back to the system's authorities below.
        }
      }
      system.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      system.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
      if (bundle != null) {
        all.addAll(List.of(bundle.getAcceptedIssuers()));
      }
      return all.toArray(new X509Certificate[0]);
    }
  }

  private static final class TrustAnything implements X509TrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
