package io.lstmsignals.ops.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Where the build resolved the programs a local stack runs: the broker's jars and the registry's
 * distribution archive, recorded in {@code stack.properties} when ops/stack was built (see its
 * pom).
 */
record StackArtifacts(
    String kafkaVersion, List<Path> brokerClasspath, String registryVersion, Path registryArchive) {

  private static final String RESOURCE = "stack.properties";
  private static final String REBUILD_HINT =
      "rebuild ops/stack on this machine: ./mvnw -B -ntp install -pl ops/stack";

  StackArtifacts {
    brokerClasspath = List.copyOf(brokerClasspath);
  }

  /**
   * Reads {@code stack.properties} and checks that every file it names exists.
   *
   * @throws StackStartException naming the first missing file and how to restore it
   */
  static StackArtifacts load() {
    Properties properties = new Properties();
    try (InputStream in = StackArtifacts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new StackStartException(
            "resource " + RESOURCE + " is missing from ops/stack; " + REBUILD_HINT);
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " of ops/stack", e);
    }
    List<Path> classpath =
        Arrays.stream(required(properties, "broker.classpath").split(File.pathSeparator))
            .map(Path::of)
            .toList();
    StackArtifacts artifacts =
        new StackArtifacts(
            required(properties, "kafka.version"),
            classpath,
            required(properties, "registry.version"),
            Path.of(required(properties, "registry.distribution")));
    artifacts.brokerClasspath.forEach(StackArtifacts::requireFile);
    requireFile(artifacts.registryArchive);
    return artifacts;
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key, "");
    if (value.isBlank() || value.startsWith("${")) {
      throw new StackStartException(
          RESOURCE
              + " of ops/stack has no value for "
              + key
              + " (got '"
              + value
              + "'); "
              + REBUILD_HINT);
    }
    return value;
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new StackStartException(
          "the local stack needs "
              + file
              + ", which does not exist (was ~/.m2 cleaned, or"
              + " ops/stack built on another machine?); "
              + REBUILD_HINT);
    }
  }
}
