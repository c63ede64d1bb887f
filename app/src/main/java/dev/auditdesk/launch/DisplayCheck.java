package dev.auditdesk.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an X server answers at {@code $DISPLAY}. JavaFX's GTK window always talks X11 (through
 * XWayland on a Wayland desktop), so {@code WAYLAND_DISPLAY} alone is not enough.
 */
final class DisplayCheck {

  private static final int CONNECT_TIMEOUT_MS = 2_000;

  private DisplayCheck() {}

  static Optional<String> problem(Map<String, String> env) {
    String display = env.getOrDefault("DISPLAY", "").strip();
    String help = StartMessages.helpCommand();
    if (display.isEmpty()) {
      String wayland = env.getOrDefault("WAYLAND_DISPLAY", "").strip();
      return Optional.of(
          wayland.isEmpty()
              ? StartMessages.get("start.noDisplay", help)
              : StartMessages.get("start.waylandOnly", wayland, help));
    }
    Optional<Endpoint> endpoint = Endpoint.parse(display);
    if (endpoint.isEmpty() || endpoint.get().answers()) {
      // A form we do not know is left to GTK to judge.
      return Optional.empty();
    }
    return Optional.of(
        StartMessages.get("start.displayUnreachable", display, endpoint.get().where(), help));
  }

  /** Where an X server for one DISPLAY value listens: a local socket or host:6000+n. */
  record Endpoint(Optional<Path> socket, String host, int port) {

    static Optional<Endpoint> parse(String display) {
      int colon = display.lastIndexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      String host = display.substring(0, colon);
      String number = display.substring(colon + 1);
      int dot = number.indexOf('.');
      int n;
      try {
        n = Integer.parseInt(dot < 0 ? number : number.substring(0, dot));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (host.startsWith("/")) {
        return Optional.of(new Endpoint(Optional.of(Path.of(display)), "", 0));
      }
      if (host.isEmpty() || host.equals("unix") || host.endsWith("/unix")) {
        return Optional.of(new Endpoint(Optional.of(Path.of("/tmp/.X11-unix/X" + n)), "", 0));
      }
      int slash = host.indexOf('/');
      return Optional.of(
          new Endpoint(Optional.empty(), slash < 0 ? host : host.substring(slash + 1), 6000 + n));
    }

    String where() {
      return socket.map(Path::toString).orElse(host + ":" + port);
    }

    boolean answers() {
      if (socket.isPresent()) {
        Path path = socket.get();
        if (!Files.exists(path)) {
          return listensAbstract(path);
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          return ch.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException | UnsupportedOperationException e) {
          return false;
        }
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    /** Linux X servers also listen on an abstract socket, which has no file (e.g. in a sandbox). */
    private static boolean listensAbstract(Path path) {
      try {
        return Files.readAllLines(Path.of("/proc/net/unix")).stream()
            .anyMatch(line -> line.endsWith(" @" + path));
      } catch (IOException e) {
        return false;
      }
    }
  }
}
