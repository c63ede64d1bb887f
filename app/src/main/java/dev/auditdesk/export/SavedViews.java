package dev.auditdesk.export;

import dev.auditdesk.AppDirs;
import dev.auditdesk.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The user's saved views: one small JSON file each in a folder (by default {@code views} in the
 * config directory). Names are unique ignoring case; files are written atomically.
 */
public final class SavedViews {

  private final Path dir;

  public SavedViews(Path dir) {
    this.dir = dir;
  }

  /** The views in the user's config directory. */
  public static SavedViews inConfigDir() {
    return new SavedViews(AppDirs.config().resolve("views"));
  }

  public Path dir() {
    return dir;
  }

  /** All readable views, by name; files that are not views are skipped (and left alone). */
  public List<SavedView> list() throws IOException {
    List<SavedView> views = new ArrayList<>();
    for (Stored s : stored()) {
      views.add(s.view);
    }
    views.sort(Comparator.comparing(v -> v.name().toLowerCase(Locale.ROOT)));
    return views;
  }

  public Optional<SavedView> find(String name) throws IOException {
    return storedNamed(name).map(s -> s.view);
  }

  /** Saves a view, replacing one of the same name. */
  public void save(SavedView view) throws IOException {
    Optional<Stored> existing = storedNamed(view.name());
    Path file = existing.isPresent() ? existing.get().file : freeFileFor(view.name());
    AtomicFiles.write(file, view.toJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Renames a view; refuses a name another view already has. */
  public SavedView rename(String oldName, String newName) throws IOException {
    Stored s =
        storedNamed(oldName)
            .orElseThrow(() -> new IOException("There is no saved view \"" + oldName + "\"."));
    SavedView renamed = s.view.withName(newName);
    Optional<Stored> clash = storedNamed(renamed.name());
    if (clash.isPresent() && !clash.get().file.equals(s.file)) {
      throw new IOException("A saved view named \"" + renamed.name() + "\" already exists.");
    }
    Path target = clash.isPresent() ? s.file : freeFileFor(renamed.name());
    AtomicFiles.write(target, renamed.toJson().getBytes(StandardCharsets.UTF_8));
    if (!target.equals(s.file)) {
      Files.deleteIfExists(s.file);
    }
    return renamed;
  }

  public void delete(String name) throws IOException {
    Stored s =
        storedNamed(name)
            .orElseThrow(() -> new IOException("There is no saved view \"" + name + "\"."));
    Files.deleteIfExists(s.file);
  }

  /** Writes a view to a file of the user's choice, to share it. */
  public static void exportTo(SavedView view, Path file) throws IOException {
    AtomicFiles.write(file, view.toJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a shared view file and saves it here. A name already taken gets " (2)", " (3)", ... so an
   * import never overwrites the user's own view. Returns the view as saved.
   */
  public SavedView importFrom(Path file) throws IOException {
    SavedView view = readFile(file);
    String base = view.name();
    for (int i = 2; storedNamed(view.name()).isPresent(); i++) {
      view = view.withName(base + " (" + i + ")");
    }
    save(view);
    return view;
  }

  /** Reads one view file; the message says why it is not usable. */
  public static SavedView readFile(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return SavedView.fromJson(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          file.getFileName() + " cannot be opened as a view: " + e.getMessage() + ".");
    }
  }

  private record Stored(Path file, SavedView view) {}

  private List<Stored> stored() throws IOException {
    List<Stored> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : files) {
        try {
          out.add(new Stored(f, SavedView.fromJson(Files.readString(f, StandardCharsets.UTF_8))));
        } catch (IllegalArgumentException | IOException skipped) {
          // Not a view (or unreadable): leave the file alone rather than lose it.
        }
      }
    }
    return out;
  }

  private Optional<Stored> storedNamed(String name) throws IOException {
    String key = name == null ? "" : name.strip();
    return stored().stream().filter(s -> s.view.name().equalsIgnoreCase(key)).findFirst();
  }

  private Path freeFileFor(String name) throws IOException {
    PrivateFiles.createDirectories(dir);
    String slug = slug(name);
    Path f = dir.resolve(slug + ".json");
    for (int i = 2; Files.exists(f); i++) {
      f = dir.resolve(slug + "-" + i + ".json");
    }
    return f;
  }

  static String slug(String name) {
    String ascii =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-+|-+$)", "");
    if (ascii.length() > 60) {
      ascii = ascii.substring(0, 60);
    }
    return ascii.isEmpty() ? "view" : ascii;
  }
}
