package dev.auditdesk.ui.connections;

import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.ui.common.TableCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Selected connections as tab-separated text, read from the cache in runs of positions. */
final class ConnectionCopy {

  /** The most rows one copy takes (a spreadsheet's paste, not an export), as the audit table. */
  static final int MAX_ROWS = 100_000;

  private ConnectionCopy() {}

  static void copy(
      ConnectionLogCache cache,
      ConnectionRows shown,
      List<Integer> indices,
      List<TableCopy.Column<ConnectionRow>> columns,
      Executor background,
      Executor fx,
      Consumer<String> done) {
    List<Integer> wanted = indices.stream().sorted().limit(MAX_ROWS).toList();
    background.execute(
        () -> {
          List<ConnectionRow> out = new ArrayList<>(wanted.size());
          int i = 0;
          while (i < wanted.size()) {
            int j = i;
            while (j + 1 < wanted.size() && wanted.get(j + 1) == wanted.get(j) + 1 && j - i < 999) {
              j++;
            }
            out.addAll(
                cache.page(shown.query(), shown.sort(), shown.now(), wanted.get(i), j - i + 1));
            i = j + 1;
          }
          String text = TableCopy.tsv(columns, out);
          fx.execute(() -> done.accept(text));
        });
  }
}
