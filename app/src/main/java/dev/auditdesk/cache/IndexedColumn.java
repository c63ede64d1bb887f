package dev.auditdesk.cache;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortColumn;
import java.util.function.Function;

/**
 * The dictionary-encoded columns of the {@link ColumnIndex} and of H2's {@code event} table: which
 * {@link EventColumn} each one serves, its H2 column, its {@code kind} in H2's {@code dict} table
 * and the string it encodes. The order is the order of the index file's code arrays; never reorder.
 */
enum IndexedColumn {
  ACTION(EventColumn.ACTION, "action", 0, AuditEvent::action),
  RESOURCE_TYPE(EventColumn.RESOURCE_TYPE, "resource_type", 1, AuditEvent::resourceType),
  RESOURCE_TARGET(EventColumn.RESOURCE_TARGET, "resource_target", 2, AuditEvent::resourceTarget),
  /** Username, email, id and name: filters match username, id or email; sorts by the whole key. */
  ACTOR(EventColumn.USER, "actor", 3, IndexedColumn::actorKey),
  /** Name, display name and id. */
  ORGANIZATION(EventColumn.ORGANIZATION, "org", 4, IndexedColumn::orgKey),
  IP(EventColumn.IP, "ip", 5, AuditEvent::ip),
  BUILD_REASON(EventColumn.BUILD_REASON, "build_reason", 6, AuditEvent::buildReason),
  /**
   * The description template with its placeholders, searched by the text filter. Dict kind 7 held
   * resource ids up to cache format 3; they are one per build, so they are now kept as 64-bit
   * hashes ({@code resource_key}) instead of a dictionary that held a string for nearly every
   * event.
   */
  DESCRIPTION(EventColumn.DESCRIPTION, "description", 8, AuditEvent::description);

  static final int COUNT = values().length;

  /** Separates the parts of an actor or organization key; never typed by a person. */
  static final char SEP = '\u0001';

  private static final IndexedColumn[] ALL = values();

  final EventColumn column;
  final String sqlName;
  final int dictKind;
  private final Function<AuditEvent, String> key;

  IndexedColumn(
      EventColumn column, String sqlName, int dictKind, Function<AuditEvent, String> key) {
    this.column = column;
    this.sqlName = sqlName;
    this.dictKind = dictKind;
    this.key = key;
  }

  /** The string of {@code e} that this column's dictionary encodes. */
  String key(AuditEvent e) {
    return key.apply(e);
  }

  static IndexedColumn at(int index) {
    return ALL[index];
  }

  static java.util.stream.Stream<IndexedColumn> stream() {
    return java.util.Arrays.stream(ALL);
  }

  /** The column a sort orders by; TIME and STATUS are no dictionary columns. */
  static IndexedColumn of(SortColumn sort) {
    return of(EventColumn.of(sort));
  }

  /** The column a filter filters. */
  static IndexedColumn of(Facet facet) {
    return of(EventColumn.of(facet));
  }

  private static IndexedColumn of(EventColumn c) {
    for (IndexedColumn i : ALL) {
      if (i.column == c) {
        return i;
      }
    }
    throw new IllegalArgumentException(c + " is not a dictionary column");
  }

  static String actorKey(AuditEvent e) {
    var a = e.actor();
    return a.username() + SEP + a.email() + SEP + a.id() + SEP + a.name();
  }

  static String orgKey(AuditEvent e) {
    var o = e.organization();
    return o.name() + SEP + o.displayName() + SEP + o.id();
  }

  /** Part {@code index} of an actor or organization key. */
  static String part(String key, int index) {
    int start = 0;
    for (int i = 0; i < index; i++) {
      start = key.indexOf(SEP, start) + 1;
      if (start == 0) {
        return "";
      }
    }
    int end = key.indexOf(SEP, start);
    return end < 0 ? key.substring(start) : key.substring(start, end);
  }
}
