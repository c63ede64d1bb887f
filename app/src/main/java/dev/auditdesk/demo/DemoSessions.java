package dev.auditdesk.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The two demo accounts and their session tokens: sign-in, who is asking, sign-out, expiry. */
final class DemoSessions {

  private final DemoCatalog catalog;
  private final DemoHttp http;
  private final Map<String, Integer> tokens = new ConcurrentHashMap<>();
  private final Set<String> expired = ConcurrentHashMap.newKeySet();
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();

  DemoSessions(DemoCatalog catalog, DemoHttp http) {
    this.catalog = catalog;
    this.http = http;
  }

  /** Every session token issued so far stops working (401 "API key expired."). */
  void expireAll() {
    expired.addAll(tokens.keySet());
    tokens.clear();
  }

  /** Every session token a sign-in created (tests look for them where they must not be). */
  Set<String> issued() {
    return Set.copyOf(issued);
  }

  /** Session tokens that still work: signed in and neither logged out nor expired. */
  int live() {
    return tokens.size();
  }

  void login(HttpExchange ex) throws IOException {
    JsonNode body;
    try (InputStream in = ex.getRequestBody()) {
      body = DemoHttp.MAPPER.readTree(in);
    } catch (IOException e) {
      http.error(ex, 400, "Request body must be valid JSON.", e.getMessage(), null);
      return;
    }
    String email = body == null ? "" : body.path("email").asText("").trim();
    String password = body == null ? "" : body.path("password").asText("");
    if (email.isEmpty() || password.isEmpty()) {
      http.error(
          ex,
          400,
          "Validation failed.",
          "",
          Map.of(
              email.isEmpty() ? "email" : "password",
              "Validation failed for tag \"required\" with value: \"\""));
      return;
    }
    int user = catalog.userIndexByEmail(email);
    if ((user != 0 && user != 1) || !DemoServer.PASSWORD.equals(password)) {
      http.error(ex, 401, "Incorrect email or password.", "", null);
      return;
    }
    String token = newToken();
    tokens.put(token, user);
    issued.add(token);
    http.json(ex, 201, g -> g.writeStringField("session_token", token));
  }

  void me(HttpExchange ex) throws IOException {
    Integer user = authenticate(ex);
    if (user == null) {
      return;
    }
    // Coder answers /users/me with the same user object its audit log embeds.
    http.send(
        ex, 200, "application/json", catalog.users[user].json().getBytes(StandardCharsets.UTF_8));
  }

  void logout(HttpExchange ex) throws IOException {
    String token = token(ex);
    if (authenticate(ex) == null) {
      return;
    }
    tokens.remove(token);
    http.json(ex, 200, g -> g.writeStringField("message", "Logged out!"));
  }

  /** The user the request signs in as, or null once a 401 has been answered. */
  Integer authenticate(HttpExchange ex) throws IOException {
    String token = token(ex);
    if (token == null || token.isEmpty()) {
      http.error(
          ex, 401, "Cookie \"coder_session_token\" or query parameter must be provided.", "", null);
      return null;
    }
    Integer user = tokens.get(token);
    if (user == null) {
      if (expired.contains(token)) {
        http.error(
            ex, 401, "API key expired.", "The session token has expired; sign in again.", null);
      } else {
        http.error(ex, 401, "API key is invalid.", "The session token is not known.", null);
      }
      return null;
    }
    return user;
  }

  private static String token(HttpExchange ex) {
    String t = ex.getRequestHeaders().getFirst("Coder-Session-Token");
    if (t != null) {
      return t.trim();
    }
    String cookie = ex.getRequestHeaders().getFirst("Cookie");
    if (cookie != null) {
      for (String part : cookie.split(";")) {
        String p = part.trim();
        if (p.startsWith("coder_session_token=")) {
          return p.substring("coder_session_token=".length());
        }
      }
    }
    return null;
  }

  private String newToken() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(33);
    for (int i = 0; i < 33; i++) {
      sb.append(i == 10 ? '-' : alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
