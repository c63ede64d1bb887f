package dev.auditdesk.cli;

import dev.auditdesk.cache.H2AuditCache;
import java.io.PrintWriter;

/**
 * Says once, on stderr, that opening a cache upgraded it and built its hash chains or its marks.
 */
final class ChainNotice {

  private ChainNotice() {}

  static void say(H2AuditCache cache, PrintWriter err) {
    cache
        .evidence()
        .connectionsBuiltOnThisOpen()
        .ifPresent(
            b ->
                err.println(
                    "This cache was upgraded: the hash chain of its connection log was built now"
                        + " over the "
                        + b.events()
                        + " connection rows it already held. From here on, any change behind"
                        + " AuditDesk's back shows in 'auditdesk verify --cache'; nothing is proven"
                        + " about those rows before today."));
    cache
        .evidence()
        .builtOnThisOpen()
        .ifPresent(
            b ->
                err.println(
                    "This cache was upgraded: its hash chain was built now over the "
                        + b.events()
                        + " events it already held. From here on, any change behind AuditDesk's"
                        + " back shows in 'auditdesk verify --cache'; nothing is proven about"
                        + " those events before today."));
    cache
        .evidence()
        .marksBuiltOnThisOpen()
        .ifPresent(
            b ->
                err.println(
                    "This cache was upgraded: the "
                        + b.events()
                        + " events whose change may grant a role or touch a secret were read once"
                        + " and marked, so Insights reads only the marked ones from now on."));
  }
}
