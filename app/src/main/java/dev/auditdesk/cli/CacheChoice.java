package dev.auditdesk.cli;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.export.Importer;
import dev.auditdesk.model.Deployment;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which cache a command reads: the caches folder and the deployment (by URL or import name). */
final class CacheChoice {

  @Mixin CacheFolder cacheFolder;

  @Option(names = "--url", paramLabel = "URL", description = "The Coder deployment's address.")
  String url;

  @Option(
      names = "--deployment",
      paramLabel = "NAME",
      description = "Imported data: the name given to 'import --deployment'.")
  String deployment;

  Path root() {
    return cacheFolder.root();
  }

  /**
   * The deployment asked for; with neither --url nor --deployment, the only cached one. The
   * exception's message says what to do (a usage problem).
   */
  Deployment resolve() {
    if (url != null && deployment != null) {
      throw new IllegalArgumentException("Give either --url or --deployment, not both.");
    }
    if (url != null) {
      return Deployment.parse(url);
    }
    if (deployment != null) {
      return Importer.deploymentFor(deployment);
    }
    List<CacheStore.CachedDeployment> cached = CacheStore.list(root());
    if (cached.size() == 1) {
      return cached.get(0).deployment();
    }
    if (cached.isEmpty()) {
      throw new IllegalArgumentException(
          "There is no cache in "
              + root()
              + ". Run 'auditdesk sync' or 'auditdesk import' first, or name the folder with"
              + " --cache.");
    }
    StringBuilder b =
        new StringBuilder(
            "Several deployments are cached in "
                + root()
                + "; choose one with --url or --deployment:");
    for (CacheStore.CachedDeployment c : cached) {
      b.append(System.lineSeparator()).append("  ").append(c.deployment().url());
    }
    throw new IllegalArgumentException(b.toString());
  }
}
