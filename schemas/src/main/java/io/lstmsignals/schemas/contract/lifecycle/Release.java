package io.lstmsignals.schemas.contract.lifecycle;

import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the lifecycle needs to know of a model release (the Avro {@code ModelRelease} without its
 * bytes).
 *
 * @param symbols the symbols it was trained for; its line serves them
 * @param trainedTo open time of its last training bar (its age counts from there); null if unknown
 * @param validatedTo open time of its last validation bar (bars after it are out-of-sample); null
 *     if unknown
 */
public record Release(
    String line,
    String version,
    String sha256,
    List<String> symbols,
    int windowBars,
    BarInterval interval,
    Instant trainedTo,
    Instant validatedTo,
    String parentVersion) {

  public Release {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(interval, "interval");
    symbols = SymbolList.of(symbols);
  }

  /** {@code line@version}, for messages. */
  public String label() {
    return line + "@" + version;
  }
}
