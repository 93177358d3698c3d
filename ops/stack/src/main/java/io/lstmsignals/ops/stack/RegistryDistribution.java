package io.lstmsignals.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry distribution unpacked once into a cache directory shared by every JVM of
 * the user: by default {@code ~/.cache/lstm-signals/apicurio-registry-<version>}, with the env var
 * {@value #CACHE_ENV} replacing {@code ~/.cache/lstm-signals}. Unpacking goes into a temporary
 * directory renamed into place atomically, under a file lock, so concurrent JVMs neither unpack
 * twice nor see a half-unpacked copy.
 */
final class RegistryDistribution {

  static final String CACHE_ENV = "LSTM_STACK_CACHE";
  static final String RUNNER_JAR = "quarkus-run.jar";
  private static final Logger log = LoggerFactory.getLogger(RegistryDistribution.class);

  private RegistryDistribution() {}

  /** The default cache root: {@value #CACHE_ENV} if set, else {@code ~/.cache/lstm-signals}. */
  static Path cacheRoot(Map<String, String> environment) {
    String configured = environment.get(CACHE_ENV);
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "lstm-signals");
  }

  /**
   * Returns the directory holding {@value #RUNNER_JAR} for {@code archive}, unpacking it with
   * {@code tar} first if no complete copy is in {@code cacheRoot} yet.
   */
  static Path unpacked(Path archive, String version, Path cacheRoot) throws InterruptedException {
    Path target = cacheRoot.resolve("apicurio-registry-" + version);
    if (Files.isRegularFile(target.resolve(RUNNER_JAR))) {
      return target;
    }
    // The file lock excludes other JVMs; the monitor excludes threads of this one (the lock is per
    // JVM).
    synchronized (RegistryDistribution.class) {
      try {
        Files.createDirectories(cacheRoot);
        try (FileChannel channel =
                FileChannel.open(
                    cacheRoot.resolve(target.getFileName() + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock ignored = channel.lock()) {
          if (Files.isRegularFile(target.resolve(RUNNER_JAR))) {
            return target;
          }
          deleteAbandonedUnpacks(cacheRoot, target.getFileName() + ".unpacking-");
          Path staging = Files.createTempDirectory(cacheRoot, target.getFileName() + ".unpacking-");
          long started = System.nanoTime();
          untar(archive, staging);
          if (!Files.isRegularFile(staging.resolve(RUNNER_JAR))) {
            throw new StackStartException(
                archive
                    + " holds no "
                    + RUNNER_JAR
                    + " at its top level: not an Apicurio"
                    + " Registry distribution");
          }
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
          log.info(
              "Unpacked Apicurio Registry {} into {} in {} ms",
              version,
              target,
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
          return target;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot unpack " + archive + " into " + cacheRoot, e);
      }
    }
  }

  private static void untar(Path archive, Path into) throws IOException, InterruptedException {
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
      tar.destroyForcibly();
      throw new StackStartException(
          "tar could not unpack " + archive + " into " + into + ": " + output.strip());
    }
  }

  // A staging directory still present while we hold the lock belongs to an unpack that was killed
  // half-way.
  private static void deleteAbandonedUnpacks(Path cacheRoot, String prefix) throws IOException {
    try (DirectoryStream<Path> abandoned = Files.newDirectoryStream(cacheRoot, prefix + "*")) {
      for (Path dir : abandoned) {
        WorkDir.deleteTree(dir);
      }
    }
  }
}
