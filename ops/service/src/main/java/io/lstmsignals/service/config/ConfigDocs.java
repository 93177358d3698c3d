package io.lstmsignals.service.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Holds a service's documentation to its configuration declarations: the table between {@code <!--
 * config:SERVICE -->} and {@code <!-- /config:SERVICE -->} in a README, and the sample {@code
 * ops/config/SERVICE.properties}: a test per service fails when {@link #check} finds a difference,
 * and running the tests with {@code -Dlstm.docs.update=true} rewrites both from the declarations.
 */
public final class ConfigDocs {
  /** System property that makes {@link #check} rewrite the docs instead of comparing them. */
  public static final String UPDATE_PROPERTY = "lstm.docs.update";

  private ConfigDocs() {}

  /** The repository root: the nearest directory upwards holding data/PROVENANCE.md. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("data/PROVENANCE.md"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "No data/PROVENANCE.md above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** The sample properties file of a service: {@code ops/config/<service>.properties}. */
  public static Path sampleFile(ConfigSpec spec) {
    return repositoryRoot().resolve("ops/config").resolve(spec.service() + ".properties");
  }

  /**
   * Compares (or, with {@value #UPDATE_PROPERTY}, rewrites) the README's table and the sample file
   * with the declarations.
   *
   * @param readme the README, relative to the repository root, e.g. {@code scorer/README.md}
   * @return what differs and how to regenerate it; empty when the docs match
   */
  public static Optional<String> check(ConfigSpec spec, String readme) {
    Path readmeFile = repositoryRoot().resolve(readme);
    Path sample = sampleFile(spec);
    String begin = "<!-- config:" + spec.service() + " -->\n";
    String end = "<!-- /config:" + spec.service() + " -->";
    String text = read(readmeFile);
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      return Optional.of(readme + " has no section " + begin.strip() + " ... " + end);
    }
    String expectedTable = spec.markdownTable();
    String table = text.substring(from + begin.length(), to);
    String expectedSample = spec.sampleProperties();
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      write(
          readmeFile,
          text.substring(0, from + begin.length()) + expectedTable + text.substring(to));
      write(sample, expectedSample);
      return Optional.empty();
    }
    String regenerate =
        " differs from the declarations in "
            + spec.service()
            + "'s ConfigSpec; regenerate with: bin/test -D"
            + UPDATE_PROPERTY
            + "=true -DskipITs";
    if (!table.equals(expectedTable)) {
      return Optional.of(
          readme + "'s configuration table" + regenerate + "\nexpected:\n" + expectedTable);
    }
    if (!Files.exists(sample) || !read(sample).equals(expectedSample)) {
      return Optional.of(sample + regenerate + "\nexpected:\n" + expectedSample);
    }
    return Optional.empty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }
}
