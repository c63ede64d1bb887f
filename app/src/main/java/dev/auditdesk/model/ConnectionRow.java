package dev.auditdesk.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One row of Coder's connection log. The typed fields are what AuditDesk filters, sorts and shows;
 * {@code rawJson} is the row exactly as the server sent it, so nothing is lost — including fields
 * this version does not know. Text fields are capped at {@link FieldLimit#MAX_CHARS}; {@code
 * rawJson} never is. Empty strings stand for "absent".
 */
public record ConnectionRow(
    String id,
    Instant connectTime,
    String connectTimeText,
    Organization organization,
    String workspaceOwnerId,
    String workspaceOwnerUsername,
    String workspaceId,
    String workspaceName,
    String agentName,
    String ip,
    String type,
    String typeDisplayName,
    WebInfo webInfo,
    SshInfo sshInfo,
    String rawJson) {

  public ConnectionRow {
    id = nz(id);
    connectTimeText = nz(connectTimeText);
    organization = organization == null ? Organization.NONE : organization;
    workspaceOwnerId = nz(workspaceOwnerId);
    workspaceOwnerUsername = nz(workspaceOwnerUsername);
    workspaceId = nz(workspaceId);
    workspaceName = nz(workspaceName);
    agentName = nz(agentName);
    ip = nz(ip);
    type = nz(type);
    typeDisplayName = nz(typeDisplayName);
    webInfo = webInfo == null ? WebInfo.NONE : webInfo;
    sshInfo = sshInfo == null ? SshInfo.NONE : sshInfo;
    rawJson = rawJson == null ? "" : rawJson; // never cut: it is the original
  }

  /** What a web request told: the browser, who (if signed in), the app or port, the outcome. */
  public record WebInfo(String userAgent, Actor user, String slugOrPort, int statusCode) {
    public static final WebInfo NONE = new WebInfo("", Actor.SYSTEM, "", 0);

    public WebInfo {
      userAgent = nz(userAgent);
      user = user == null ? Actor.SYSTEM : user;
      slugOrPort = nz(slugOrPort);
    }
  }

  /**
   * What an agent reported of a session; {@code disconnectTime} is {@link Instant#MAX} while it is
   * still open, and {@code exitCode} means nothing unless {@code hasExitCode}.
   */
  public record SshInfo(
      String connectionId,
      Instant disconnectTime,
      String disconnectTimeText,
      String disconnectReason,
      int exitCode,
      boolean hasExitCode) {
    public static final SshInfo NONE = new SshInfo("", Instant.MAX, "", "", 0, false);

    public SshInfo {
      connectionId = nz(connectionId);
      disconnectTime = disconnectTime == null ? Instant.MAX : disconnectTime;
      disconnectTimeText = nz(disconnectTimeText);
      disconnectReason = nz(disconnectReason);
    }

    public boolean ended() {
      return !disconnectTime.equals(Instant.MAX);
    }
  }

  /** Whether the server reported this row as a session ({@code ssh_info}) or a web request. */
  public boolean isSession() {
    if (!sshInfo.equals(SshInfo.NONE)) {
      return true;
    }
    return webInfo.equals(WebInfo.NONE) && !family().web();
  }

  public ConnectionType family() {
    return ConnectionType.of(type);
  }

  public ConnectionStatus status() {
    if (!isSession()) {
      return ConnectionStatus.NOT_A_SESSION;
    }
    return sshInfo.ended() ? ConnectionStatus.COMPLETED : ConnectionStatus.ONGOING;
  }

  /** When the session ended; empty while it is open or for a web request. */
  public Optional<Instant> disconnectTime() {
    return sshInfo.ended() ? Optional.of(sshInfo.disconnectTime()) : Optional.empty();
  }

  public OptionalInt exitCode() {
    return sshInfo.hasExitCode() ? OptionalInt.of(sshInfo.exitCode()) : OptionalInt.empty();
  }

  /** A session's length, up to {@code now} while it is open; empty for a web request. */
  public Optional<Duration> duration(Instant now) {
    if (!isSession()) {
      return Optional.empty();
    }
    Instant end = sshInfo.ended() ? sshInfo.disconnectTime() : now;
    return Optional.of(
        end.isBefore(connectTime) ? Duration.ZERO : Duration.between(connectTime, end));
  }

  /**
   * The person who connected: the signed-in web user, else the workspace's owner (an agent's
   * sessions are always the owner's own).
   */
  public String username() {
    String web = webInfo.user().username();
    return web.isEmpty() ? workspaceOwnerUsername : web;
  }

  /** A denied or failed request (HTTP or tunnel status 400 or above), shown like a failed event. */
  public boolean failed() {
    return webInfo.statusCode() >= 400;
  }

  /** The type to show a person: the server's display name, else the raw type. */
  public String typeLabel() {
    return typeDisplayName.isEmpty() ? type : typeDisplayName;
  }

  private static String nz(String s) {
    return s == null ? "" : FieldLimit.cap(s);
  }
}
