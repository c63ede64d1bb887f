package dev.auditdesk.coder;

import java.util.List;

/** The signed-in user, from {@code GET /api/v2/users/me}. */
public record CoderUser(String id, String username, String email, String name, List<String> roles) {
  public CoderUser {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
