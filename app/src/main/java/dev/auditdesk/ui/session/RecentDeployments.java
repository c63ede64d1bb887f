package dev.auditdesk.ui.session;

import dev.auditdesk.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment URLs a user signed in to, most recent first, in {@code recent-deployments.txt} of
 * the config directory. URLs only: no user name, no token.
 */
public final class RecentDeployments {

  private static final Logger LOG = LoggerFactory.getLogger(RecentDeployments.class);
  static final int MAX = 10;

  private final Path file;

  public RecentDeployments(Path configDir) {
    this.file = configDir.resolve("recent-deployments.txt");
  }

  public List<String> list() {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String t = withoutUserInfo(line.trim());
        if (!t.isEmpty() && !out.contains(t)) {
          out.add(t);
        }
      }
      return out;
    } catch (IOException e) {
      LOG.warn("Could not read {}: {}", file, e.toString());
      return List.of();
    }
  }

  /** Moves {@code url} to the top of the list; a {@code user:password@} in it is never kept. */
  public void remember(String typed) {
    String url = withoutUserInfo(typed.trim());
    List<String> all = new ArrayList<>(list());
    all.remove(url);
    all.add(0, url);
    while (all.size() > MAX) {
      all.remove(all.size() - 1);
    }
    try {
      PrivateFiles.createDirectories(file.getParent());
      PrivateFiles.createFile(file);
      Files.write(file, all, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("Could not write {}: {}", file, e.toString());
    }
  }

  /** {@code https://bob:secret@host/x} becomes {@code https://host/x}; other text is unchanged. */
  static String withoutUserInfo(String url) {
    return USER_INFO.matcher(url).replaceFirst("$1");
  }

  private static final Pattern USER_INFO =
      Pattern.compile("^((?:[A-Za-z][A-Za-z0-9+.-]*://)?)[^/@?#]*@");
}
