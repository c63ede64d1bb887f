package dev.auditdesk.coder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.coder.CoderException.Kind;
import dev.auditdesk.coder.CoderException.Validation;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.TruncatedChunkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what went wrong talking to one deployment (a status, an exception of the transport or of
 * TLS, an answer that is not JSON, a redirect we will not follow) into a {@link CoderException}
 * whose kind says what to do and whose message says it in plain words.
 */
final class CoderErrors {

  private static final Logger LOG = LoggerFactory.getLogger(CoderClient.class);

  private final Deployment deployment;
  private final ClientOptions options;

  CoderErrors(Deployment deployment, ClientOptions options) {
    this.deployment = deployment;
    this.options = options;
  }

  /** The deployment as the messages name it. */
  String host() {
    return deployment.label();
  }

  /** Why plain http:// to another computer is refused, and the two ways on. */
  static String clearTextRefused(Deployment d) {
    return d.url()
        + " uses plain http://, so your password and session token would cross the network"
        + " readable by anyone on the way. Use the https:// address of the deployment; to connect"
        + " anyway, tick \"Connect anyway, insecurely\" on the sign-in screen, or pass"
        + " --insecure-http on the command line.";
  }

  /** A redirect AuditDesk does not follow; see {@link CoderTransport}. */
  CoderException redirectUnreadable() {
    return new CoderException(
        Kind.BAD_RESPONSE, host() + " sent a redirect to an unreadable address.");
  }

  CoderException redirectElsewhere(String where) {
    return new CoderException(
        Kind.NOT_CODER,
        host()
            + " redirects to another address ("
            + where
            + "). AuditDesk only follows redirects within the same deployment (same scheme,"
            + " host and port): if you trust that address, enter it instead.");
  }

  CoderException redirectOfNonGet(String method, String target) {
    return new CoderException(
        Kind.NOT_CODER,
        host()
            + " answered a "
            + method
            + " with a redirect to "
            + target
            + ". AuditDesk does not send it again to another path; check the address of your"
            + " Coder deployment.");
  }

  CoderException redirectLoop() {
    return new CoderException(
        Kind.NOT_CODER,
        host() + " redirects in a loop. Check the address of your Coder deployment.");
  }

  /** A status outside 2xx; {@code signedIn} says whether the call carried a session token. */
  CoderException statusFailure(HttpAnswer a, Endpoint call, boolean signedIn) {
    JsonNode n = tryJson(a.body());
    String message = n != null && n.isObject() ? n.path("message").asText("") : "";
    String detail = n != null && n.isObject() ? n.path("detail").asText("") : "";
    List<Validation> validations = new ArrayList<>();
    if (n != null && n.isObject()) {
      for (JsonNode v : n.path("validations")) {
        validations.add(new Validation(v.path("field").asText(""), v.path("detail").asText("")));
      }
    }
    int s = a.status();
    String said = message.isEmpty() ? "" : " (\"" + message + "\")";
    Kind kind;
    String text;
    Duration retryAfter = Duration.ZERO;
    if (s == 401 && call == Endpoint.LOGIN) {
      kind = Kind.BAD_CREDENTIALS;
      text =
          "Coder did not accept that email and password"
              + said
              + ". Check them and try again; if you sign in with SSO, paste a session token"
              + " instead.";
    } else if ((s == 403 || s == 400) && call == Endpoint.LOGIN) {
      kind = Kind.BAD_CREDENTIALS;
      text =
          "Coder refused the sign-in"
              + said
              + ". If you sign in with SSO (GitHub, OIDC), paste a session token instead.";
    } else if (s == 401) {
      kind = Kind.TOKEN_EXPIRED;
      text =
          !signedIn
              ? "You are not signed in to " + host() + ". Sign in first."
              : "Your session on "
                  + host()
                  + " has expired or was revoked"
                  + said
                  + ". Sign in again.";
    } else if (s == 403) {
      kind = Kind.FORBIDDEN;
      text =
          call == Endpoint.AUDIT
              ? "Your account may not read the audit log of "
                  + host()
                  + said
                  + ". Ask an owner for the Auditor role, and check that the deployment has the"
                  + " audit log feature (a Premium license)."
              : "Your account may not do this on " + host() + said + ". Ask an owner for access.";
    } else if (s == 400 && (call == Endpoint.AUDIT || call == Endpoint.CONNECTION_LOG)) {
      kind = Kind.BAD_QUERY;
      String first =
          validations.isEmpty()
              ? (detail.isEmpty() ? message : detail)
              : validations.get(0).field() + ": " + validations.get(0).detail();
      text =
          "Coder rejected the search"
              + (first.isEmpty() ? "" : " (" + first + ")")
              + ". Change the filters and try again.";
    } else if (s == 404) {
      kind = Kind.NOT_CODER;
      text =
          host()
              + " has no Coder API at this address (404 Not Found). Check the address: it should"
              + " be the one you open Coder's dashboard at.";
    } else if (s == 429) {
      kind = Kind.RATE_LIMITED;
      retryAfter = CoderTransport.parseRetryAfter(a.retryAfter());
      text =
          host()
              + " asks AuditDesk to slow down (too many requests). "
              + (retryAfter.isZero()
                  ? "Try again in a moment."
                  : "Trying again in " + Math.max(1, retryAfter.toSeconds()) + " s is fine.");
    } else if (s >= 500) {
      kind = Kind.SERVER_ERROR;
      text =
          host()
              + " had a problem answering ("
              + s
              + (message.isEmpty() ? "" : ": " + message)
              + "). This is usually temporary: try again in a minute; if it persists, tell the"
              + " deployment's administrator.";
    } else {
      kind = Kind.BAD_RESPONSE;
      text =
          host()
              + " answered with an unexpected status "
              + s
              + said
              + ". Check the address, or try again later.";
    }
    return new CoderException(kind, text, s, detail, validations, retryAfter, null);
  }

  CoderException transportFailure(IOException e, Endpoint call) {
    String h = host();
    Kind kind;
    String text;
    if (e instanceof SSLException ssl) {
      return tlsFailure(ssl);
    } else if (e instanceof CoderTransport.BodyTooLargeException) {
      kind = Kind.BAD_RESPONSE;
      text =
          "The answer from "
              + h
              + " is larger than "
              + (options.maxBodyBytes() >> 20)
              + " MiB, more than AuditDesk reads at once, so it was not read. A proxy may be"
              + " answering instead of Coder; for the audit log, a smaller page size helps.";
    } else if (e instanceof ConnectTimeoutException) {
      kind = Kind.TIMEOUT;
      text =
          h
              + " did not accept a connection within "
              + options.connectTimeout().toSeconds()
              + " s. Check the address, your network or VPN, then try again.";
    } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      kind = Kind.TIMEOUT;
      text =
          h
              + " stopped answering for more than "
              + Math.max(1, options.readTimeout().toSeconds())
              + " s. The server may be busy: try again later.";
    } else if (e instanceof ConnectionClosedException
        || e instanceof TruncatedChunkException
        || e instanceof MalformedChunkCodingException) {
      kind = Kind.BAD_RESPONSE;
      text = "The answer from " + h + " was cut off before it was complete. Try again.";
    } else if (e instanceof ClientProtocolException) {
      kind = Kind.BAD_RESPONSE;
      text = h + " answered with something that is not valid HTTP. Check the address.";
    } else if (e instanceof UnknownHostException) {
      kind = Kind.UNREACHABLE;
      text =
          "The name "
              + deployment.url().getHost()
              + " could not be found. Check the address for typos, and your network or VPN.";
    } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      kind = Kind.UNREACHABLE;
      text =
          "Nothing answered at "
              + h
              + ". Check the address and port, that the deployment is running, and your network"
              + " or VPN.";
    } else if (e instanceof NoHttpResponseException) {
      kind = Kind.UNREACHABLE;
      text = h + " closed the connection without answering. Try again.";
    } else {
      kind = Kind.UNREACHABLE;
      text = "The connection to " + h + " failed (" + e.getMessage() + "). Try again.";
    }
    LOG.debug("{} call to {} failed: {}", call, h, e.toString());
    return new CoderException(kind, text, 0, String.valueOf(e), List.of(), Duration.ZERO, e);
  }

  private CoderException tlsFailure(SSLException e) {
    String h = host();
    String text;
    if (causedBy(e, CertificateExpiredException.class) || pathReason(e, "EXPIRED")) {
      text =
          "The security certificate of "
              + h
              + " has expired, so the connection cannot be trusted. The deployment's"
              + " administrator must renew it.";
    } else if (causedBy(e, CertificateNotYetValidException.class)
        || pathReason(e, "NOT_YET_VALID")) {
      text =
          "The security certificate of "
              + h
              + " is not valid yet. Check that this computer's date and time are right.";
    } else if (causedBy(e, SSLPeerUnverifiedException.class)
        || messageContains(e, "doesn't match", "No subject alternative", "No name matching")) {
      text =
          "The security certificate of "
              + h
              + " was issued for a different address. Check the address you entered (use the"
              + " exact name of the deployment).";
    } else if (causedBy(e, CertPathBuilderException.class)
        || causedBy(e, CertPathValidatorException.class)
        || messageContains(e, "PKIX", "certification path")) {
      text =
          "The security certificate of "
              + h
              + " is not signed by an authority this computer trusts. If your organisation uses"
              + " its own certificate authority, give its certificate (a PEM file) as \"Company"
              + " certificate (PEM)\" on the sign-in screen, or with --ca-bundle FILE on the"
              + " command line.";
    } else if (messageContains(
        e, "Unrecognized SSL message", "plaintext", "Unsupported or unrec")) {
      text =
          h + " does not speak HTTPS on this port. Check the address (perhaps it needs http://).";
    } else {
      text =
          "A secure connection to "
              + h
              + " could not be set up ("
              + e.getMessage()
              + "). Check the address, or ask the deployment's administrator.";
    }
    LOG.debug("TLS to {} failed: {}", h, e.toString());
    return new CoderException(Kind.TLS, text, 0, String.valueOf(e), List.of(), Duration.ZERO, e);
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean pathReason(Throwable t, String reason) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof CertPathValidatorException v && reason.equals(v.getReason().toString())) {
        return true;
      }
    }
    return false;
  }

  private static boolean messageContains(Throwable t, String... parts) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null) {
        for (String p : parts) {
          if (m.contains(p)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  String notJson(HttpAnswer a, String what) {
    return host()
        + " sent "
        + describeBody(a)
        + " instead of "
        + what
        + ". A proxy or login page may be in the way; check the address and try again.";
  }

  CoderException badResponse(HttpAnswer a, String text) {
    return new CoderException(
        Kind.BAD_RESPONSE, text, a.status(), describeBody(a), List.of(), Duration.ZERO, null);
  }

  static JsonNode tryJson(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return AuditEventJson.mapper().readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  static String describeBody(HttpAnswer a) {
    byte[] b = a.body();
    if (b.length == 0) {
      return "an empty answer";
    }
    String start = new String(b, 0, Math.min(b.length, 200), StandardCharsets.UTF_8).trim();
    String lower = start.toLowerCase(Locale.ROOT);
    if (a.contentType().toLowerCase(Locale.ROOT).contains("html")
        || lower.startsWith("<!doctype")
        || lower.startsWith("<html")) {
      return "a web page";
    }
    if (start.startsWith("{") || start.startsWith("[")) {
      return "incomplete or unexpected JSON";
    }
    return "something that is not JSON";
  }
}
