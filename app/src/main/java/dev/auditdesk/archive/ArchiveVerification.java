package dev.auditdesk.archive;

import dev.auditdesk.cache.ChainReport;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What re-walking the archive's hash chain found ({@link PostgresArchive#verify}): the report in
 * the H2 cache's words, and the chain's last link, which an auditor keeps outside the archive and
 * hands to the next verify ({@link NotedLink}): whoever can rewrite the database can rewrite the
 * whole chain, but not a link written down elsewhere.
 *
 * @param chain the audit log's chain, as for a cache
 * @param end the chain's last link (position and SHA-256), empty when the chain is empty
 */
public record ArchiveVerification(ChainReport chain, Optional<NotedLink> end) {

  /** A link as written down: {@code POSITION:HEX}, e.g. {@code 41999:3f0a…}. */
  public record NotedLink(long position, byte[] link) {

    /** Reads {@code POSITION:HEX} (64 hex digits); a clear sentence when it does not read. */
    public static NotedLink parse(String text) {
      String[] p = text.trim().split(":");
      try {
        if (p.length == 2 && p[1].length() == 64) {
          long pos = Long.parseLong(p[0]);
          if (pos >= 0) {
            return new NotedLink(pos, HexFormat.of().parseHex(p[1]));
          }
        }
      } catch (IllegalArgumentException unreadable) {
        // the sentence below says what was expected
      }
      throw new IllegalArgumentException(
          "A noted link is POSITION:SHA-256 as verify printed it (e.g. 41999:3f0a…, 64 hex"
              + " digits), not \""
              + text
              + "\".");
    }

    public String text() {
      return position + ":" + HexFormat.of().formatHex(link);
    }
  }

  public boolean whole() {
    return chain.whole();
  }

  /** The report in plain words, then the line to keep outside the archive. */
  public List<String> lines() {
    List<String> out = new ArrayList<>(chain.lines("archive"));
    end.ifPresent(
        e ->
            out.add(
                "The chain ends with link "
                    + e.text()
                    + ". Keep this line outside the archive (the database's administrators can"
                    + " rewrite both the events and the chain) and give it to the next verify as"
                    + " --noted "
                    + e.text()
                    + "."));
    return out;
  }
}
