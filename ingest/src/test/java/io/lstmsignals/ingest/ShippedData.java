package io.lstmsignals.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/** The bar files shipped in the repository's data/ directory, found from wherever the tests run. */
public final class ShippedData {
  private ShippedData() {}

  /** The path of {@code data/<name>}, looked up from the working directory upwards. */
  public static Path file(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("data").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "data/"
            + name
            + " not found above "
            + Path.of("").toAbsolutePath()
            + ": copy the CSV files of shared/data to the repository's data/ directory");
  }
}
