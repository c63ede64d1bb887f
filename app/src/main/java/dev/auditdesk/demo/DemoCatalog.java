package dev.auditdesk.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The people and things of the demo deployment, all derived from the seed: organizations, a few
 * hundred users (the first two are the demo accounts), thousands of templates and workspaces.
 */
final class DemoCatalog {

  static final int USERS = 320;
  static final int TEMPLATES = 1_500;
  static final int WORKSPACES = 4_000;
  static final int GROUPS = 40;

  static final String DEMO_EMAIL = "demo@example.com";
  static final String MEMBER_EMAIL = "member@example.com";

  record Org(String id, String name, String displayName, String json) {}

  record User(
      String id,
      String username,
      String email,
      String name,
      int org,
      String ipv4,
      String ipv6,
      boolean prefersIpv6,
      String json) {}

  record Template(String id, String name, String displayName, String icon, int org) {}

  record Workspace(String id, String name, int owner, int template, int org) {}

  private static final String[] FIRST = {
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
    "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "wendy", "yusuf", "zoe",
    "amara", "bjorn", "chen", "dmitri", "elena", "farah", "giulia", "hiro", "ines", "jonas",
    "kwame", "lena", "mateo", "noor", "oskar", "priya", "quinn", "rosa", "sanjay", "tomas"
  };
  private static final String[] LAST = {
    "smith", "nguyen", "garcia", "mueller", "rossi", "kowalski", "tanaka", "okafor", "silva",
    "johansson", "patel", "kim", "dubois", "novak", "haddad", "moreau", "fischer", "lopez"
  };
  private static final String[] LANGS = {
    "go",
    "python",
    "java",
    "node",
    "rust",
    "dotnet",
    "ruby",
    "php",
    "cpp",
    "kotlin",
    "scala",
    "terraform",
    "jupyter",
    "rstudio",
    "android",
    "unity"
  };
  private static final String[] KINDS = {
    "dev", "service", "sandbox", "gpu", "data", "ml", "docs", "infra", "ci", "lab"
  };
  private static final String[] ADJ = {
    "brave", "calm", "eager", "fuzzy", "gentle", "happy", "jolly", "keen", "lively", "mighty",
    "nimble", "proud", "quiet", "rapid", "sunny", "tidy", "vivid", "witty", "zesty", "bold"
  };
  private static final String[] NOUN = {
    "otter", "falcon", "maple", "comet", "harbor", "summit", "canyon", "meadow", "pixel", "rocket",
    "willow", "ember", "glacier", "lagoon", "nebula", "quartz", "river", "tundra"
  };

  final Org[] orgs;
  final User[] users;
  final Template[] templates;
  final Workspace[] workspaces;
  final String[] groups;
  final String deploymentId;

  DemoCatalog(long seed, Instant historyStart) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    deploymentId = uuid(r);
    orgs =
        new Org[] {
          org(r, "coder", "Coder"),
          org(r, "acme-research", "ACME Research"),
          org(r, "platform-eng", "Platform Engineering")
        };
    users = new User[USERS];
    for (int i = 0; i < USERS; i++) {
      String username;
      String name;
      String email;
      if (i == 0) {
        username = "demo";
        name = "Demo Auditor";
        email = DEMO_EMAIL;
      } else if (i == 1) {
        username = "member";
        name = "Morgan Member";
        email = MEMBER_EMAIL;
      } else {
        String f = FIRST[r.nextInt(FIRST.length)];
        String l = LAST[r.nextInt(LAST.length)];
        username = f + "." + l + (i > 60 ? Integer.toString(i) : "");
        name = cap(f) + " " + cap(l);
        email = username + "@example.com";
      }
      int org = i < 200 ? 0 : r.nextInt(orgs.length);
      String ipv4 = "10." + r.nextInt(1, 250) + "." + r.nextInt(0, 250) + "." + r.nextInt(1, 250);
      String ipv6 =
          "2001:db8:"
              + Integer.toHexString(r.nextInt(1, 0xffff))
              + "::"
              + Integer.toHexString(i + 1);
      String id = uuid(r);
      Instant created = historyStart.minusSeconds(86_400L * r.nextInt(1, 400));
      String[] roles = i == 0 ? new String[] {"owner", "auditor"} : rolesFor(i);
      users[i] =
          new User(
              id,
              username,
              email,
              name,
              org,
              ipv4,
              ipv6,
              r.nextInt(8) == 0,
              userJson(id, username, email, name, created, orgs[org].id(), roles));
    }
    templates = new Template[TEMPLATES];
    for (int i = 0; i < TEMPLATES; i++) {
      String lang = LANGS[r.nextInt(LANGS.length)];
      String kind = KINDS[r.nextInt(KINDS.length)];
      String name = lang + "-" + kind + (i >= LANGS.length * KINDS.length ? "-" + i : "");
      templates[i] =
          new Template(
              uuid(r),
              name,
              cap(lang) + " " + kind + " environment",
              "/icon/" + lang + ".svg",
              r.nextInt(5) == 0 ? r.nextInt(orgs.length) : 0);
    }
    workspaces = new Workspace[WORKSPACES];
    for (int i = 0; i < WORKSPACES; i++) {
      int owner = busyUser(r.nextDouble());
      workspaces[i] =
          new Workspace(
              uuid(r),
              ADJ[r.nextInt(ADJ.length)] + "-" + NOUN[r.nextInt(NOUN.length)] + "-" + i,
              owner,
              r.nextInt(TEMPLATES),
              users[owner].org());
    }
    groups = new String[GROUPS];
    for (int i = 0; i < GROUPS; i++) {
      groups[i] = KINDS[i % KINDS.length] + "-team-" + (i + 1);
    }
  }

  /** A few users do most of the work: index 2.. skewed towards small numbers. */
  static int busyUser(double u) {
    return 2 + (int) ((USERS - 2) * Math.pow(u, 2.6));
  }

  int userIndexByEmail(String email) {
    for (int i = 0; i < users.length; i++) {
      if (users[i].email().equalsIgnoreCase(email)) {
        return i;
      }
    }
    return -1;
  }

  private static String[] rolesFor(int i) {
    if (i == 1) {
      return new String[0];
    }
    if (i < 6) {
      return new String[] {"owner"};
    }
    if (i % 23 == 0) {
      return new String[] {"template-admin"};
    }
    return i % 41 == 0 ? new String[] {"auditor"} : new String[0];
  }

  private Org org(SplittableRandom r, String name, String display) {
    String id = uuid(r);
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("name", name);
      g.writeStringField("display_name", display);
      g.writeStringField("icon", "");
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Org(id, name, display, w.toString());
  }

  private static String userJson(
      String id,
      String username,
      String email,
      String name,
      Instant created,
      String orgId,
      String[] roles) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("username", username);
      g.writeStringField("avatar_url", "");
      g.writeStringField("name", name);
      g.writeStringField("email", email);
      g.writeStringField("created_at", created.toString());
      g.writeStringField("updated_at", created.toString());
      g.writeStringField("last_seen_at", created.toString());
      g.writeStringField("status", "active");
      g.writeStringField("login_type", "password");
      g.writeStringField("theme_preference", "");
      g.writeArrayFieldStart("organization_ids");
      g.writeString(orgId);
      g.writeEndArray();
      g.writeArrayFieldStart("roles");
      for (String role : roles) {
        g.writeStartObject();
        g.writeStringField("name", role);
        g.writeStringField("display_name", display(role));
        g.writeStringField("organization_id", "");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static String display(String role) {
    return switch (role) {
      case "owner" -> "Owner";
      case "auditor" -> "Auditor";
      case "template-admin" -> "Template Admin";
      default -> cap(role);
    };
  }

  static String uuid(SplittableRandom r) {
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private static String cap(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
