package dev.auditdesk.cli;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.OsKeyring;
import dev.auditdesk.archive.ArchiveCredentials;
import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.BuildInfo;
import dev.auditdesk.coder.ClientOptions;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.coder.CoderException;
import dev.auditdesk.coder.SessionToken;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncException;
import dev.auditdesk.sync.SyncResult;
import dev.auditdesk.sync.SyncSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code auditdesk sync}: fills a deployment's cache exactly as the window's background sync does
 * (same {@link SyncEngine}). The session token comes from a file or {@code AUDITDESK_TOKEN}, never
 * from the command line, where {@code ps} would show it.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Copy a Coder deployment's audit log into the local cache (all of it the first time, then"
          + " only what is new).",
      "Sign in with --token-file (or the AUDITDESK_TOKEN environment variable), or with --email"
          + " and --password-file (that session is logged out at the end).",
      "Only https:// is used for another computer (plain http:// needs --insecure-http);"
          + " a private certificate authority is given with --ca-bundle.",
      "Exit codes: 0 done, 2 usage, 3 sign-in or permission refused, 4 network or server"
          + " failure, 5 cache problem."
    })
public final class SyncCommand implements Callable<Integer> {

  static final String TOKEN_ENV = "AUDITDESK_TOKEN";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      description = "The Coder deployment's address.")
  String url;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "A file holding a session token (first line).")
  Path tokenFile;

  @Option(names = "--email", paramLabel = "EMAIL", description = "Sign in with this email...")
  String email;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "... and the password in this file (first line).")
  Path passwordFile;

  @Mixin CacheFolder cacheFolder;

  @Option(
      names = "--archive",
      paramLabel = "URL",
      description =
          "Sync into this team archive instead of the local cache: postgresql://[user@]host/db"
              + "[?sslmode=verify-full]. Its password comes from PGPASSWORD or the OS keyring"
              + " (docs/ARCHIVE.md).")
  String archive;

  @Option(
      names = "--ca-bundle",
      paramLabel = "FILE",
      description =
          "A PEM file with your organisation's certificate authority, for a deployment whose"
              + " certificate it signed (added to the system's trusted authorities).")
  Path caBundle;

  @Option(
      names = "--insecure-http",
      description =
          "Allow a plain http:// address on another computer. Your password and session token"
              + " then cross the network readable; without this option such an address is"
              + " refused before connecting.")
  boolean insecureHttp;

  @Option(names = "--json", description = "Print a machine-readable summary on stdout.")
  boolean json;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      description = "Events per request (default: ${DEFAULT-VALUE}; shrunk if the server refuses).")
  int pageSize = SyncSettings.defaults().pageSize();

  @Option(
      names = "--recheck-days",
      paramLabel = "N",
      description =
          "How many recent days every sync re-checks against the server's counts, for events"
              + " written late (default: ${DEFAULT-VALUE}).")
  int recheckDays = SyncSettings.defaults().recheckDays();

  @Option(
      names = "--verify",
      description =
          "Check every day the server has against the cache by count, and read only the days"
              + " that differ (finds late events of any age).")
  boolean verify;

  /** Where environment variables come from; tests replace it. */
  UnaryOperator<String> env = System::getenv;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Deployment asked;
    try {
      asked = Deployment.parse(url);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (asked.isClearText() && !insecureHttp) {
      return usage(
          asked.url()
              + " uses plain http://, so your password or session token would cross the network"
              + " readable by anyone on the way. Use the deployment's https:// address, or pass"
              + " --insecure-http to connect anyway.");
    }
    if (caBundle != null && !Files.isReadable(caBundle)) {
      return usage("The certificate file " + caBundle + " given with --ca-bundle cannot be read.");
    }
    if (pageSize < 1) {
      return usage("--page-size must be at least 1.");
    }
    if (recheckDays < 0) {
      return usage("--recheck-days cannot be negative.");
    }
    String envToken = env.apply(TOKEN_ENV);
    boolean useToken =
        tokenFile != null || (email == null && envToken != null && !envToken.isBlank());
    if (tokenFile != null && email != null) {
      return usage("Give either --token-file or --email with --password-file, not both.");
    }
    if (!useToken && (email == null || passwordFile == null)) {
      return usage(
          "Sign in with --token-file FILE, with --email and --password-file FILE, or set "
              + TOKEN_ENV
              + ".");
    }
    SessionToken token = null;
    char[] password = null;
    try {
      if (useToken) {
        token = new SessionToken(tokenFile != null ? firstLine(tokenFile) : envToken);
      } else {
        password = firstLine(passwordFile).toCharArray();
      }
    } catch (IOException e) {
      return usage("Could not read " + e.getMessage() + ".");
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage() + " Check " + (tokenFile != null ? tokenFile : TOKEN_ENV) + ".");
    }

    ArchiveUrl archiveUrl = null;
    if (archive != null) {
      try {
        archiveUrl =
            ArchiveCredentials.complete(ArchiveUrl.parse(archive), env, OsKeyring.shared());
      } catch (IllegalArgumentException e) {
        return usage("--archive: " + e.getMessage());
      }
    }
    Path root = cacheFolder.root();
    ClientOptions options =
        ClientOptions.defaults().withCaBundle(caBundle).withAllowClearText(insecureHttp);
    try (CoderClient client = CoderClient.create(asked, options)) {
      BuildInfo info = client.buildInfo();
      boolean ownSession = false;
      try {
        if (token != null) {
          client.useToken(token);
          client.me();
        } else {
          client.login(email, password);
          ownSession = true;
        }
        Deployment d = new Deployment(asked.url(), info.deploymentId());
        if (archiveUrl != null) {
          try (PostgresArchive a = PostgresArchive.open(archiveUrl)) {
            a.rememberDeployment(d, info.version());
            return run(client, a, archiveUrl.display(), err);
          }
        }
        try (H2AuditCache cache = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
          ChainNotice.say(cache, err);
          cache.rememberDeployment(d, info.version());
          return run(client, cache, cache.folder().toString(), err);
        }
      } finally {
        if (ownSession) {
          signOut(client, err);
        }
      }
    } catch (CoderException e) {
      return fail(e.kind().authFailure() ? ExitCodes.AUTH : ExitCodes.NETWORK, e.userMessage());
    } catch (CacheException e) {
      return fail(ExitCodes.CACHE, e.getMessage());
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  /** A session this command created ends with it, so no live token outlasts the run. */
  private static void signOut(CoderClient client, PrintWriter err) {
    try {
      client.logout();
    } catch (CoderException e) {
      err.println(
          "Could not sign out of "
              + client.deployment().label()
              + " ("
              + e.userMessage()
              + "); the session expires on the server by itself.");
    }
  }

  private int run(CoderClient client, AuditCache cache, String where, PrintWriter err) {
    SyncSettings settings =
        SyncSettings.defaults().withPageSize(pageSize).withRecheckDays(recheckDays);
    SyncEngine engine = new SyncEngine(client, cache, settings);
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl+C: stop after the page being written, so the cache stays consistent and resumable.
    Thread hook =
        new Thread(
            () -> {
              interrupted.set(true);
              try {
                finished.await(20, TimeUnit.SECONDS);
              } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
              }
            },
            "sync-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      SyncResult r =
          engine.run(
              SyncReport.progress(err),
              interrupted::get,
              verify ? SyncEngine.Mode.VERIFY_ALL : SyncEngine.Mode.SYNC);
      SyncReport.summary(err, cache, where, r);
      ConnectionReport.summary(err, engine.connectionLogResult());
      if (json) {
        SyncReport.json(
            spec.commandLine().getOut(),
            cache,
            where,
            r,
            null,
            ExitCodes.OK,
            engine.connectionLogResult());
      }
      return ExitCodes.OK;
    } catch (SyncException e) {
      int code =
          switch (e.kind()) {
            case AUTH -> ExitCodes.AUTH;
            case NETWORK -> ExitCodes.NETWORK;
            case CACHE -> ExitCodes.CACHE;
            case CANCELLED -> ExitCodes.SOFTWARE;
          };
      err.println(e.getMessage());
      if (json) {
        SyncReport.json(
            spec.commandLine().getOut(),
            cache,
            where,
            e.partial(),
            e,
            code,
            java.util.Optional.empty());
      }
      return code;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // Already shutting down (Ctrl+C): the hook is running and waits for us.
      }
    }
  }

  private int fail(int code, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    if (json) {
      SyncReport.failureJson(spec.commandLine().getOut(), code, message);
    }
    return code;
  }

  private int usage(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    err.println("Run 'auditdesk sync --help' for the options.");
    return ExitCodes.USAGE;
  }

  private static String firstLine(Path f) throws IOException {
    try {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(0).trim();
    } catch (IOException e) {
      throw new IOException(f + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
