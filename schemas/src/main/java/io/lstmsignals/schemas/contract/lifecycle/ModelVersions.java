package io.lstmsignals.schemas.contract.lifecycle;

import io.lstmsignals.schemas.contract.ArtifactLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How model lines and versions are named, and how the topics key them. A line is what scorers route
 * symbols to ({@code lstm-4h}); a version is one immutable release of it. The default version says
 * what the model is: {@code <line>-<last training bar>-<fingerprint>-seed<seed>}, the fingerprint
 * hashing the training configuration and the training data, so different data, configuration or
 * seed never share a version.
 */
public final class ModelVersions {

  /** The line the project's own commands use unless told otherwise. */
  public static final String DEFAULT_LINE = "lstm-4h";

  public static final String LINE_RULE =
      "must be 1-63 of [a-z0-9._-], starting with a letter or digit";
  public static final String VERSION_RULE =
      "must be 1-128 of [A-Za-z0-9._:+-], starting with a letter or digit";

  private static final DateTimeFormatter BAR_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HH'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ModelVersions() {}

  public static boolean isValidLine(String line) {
    return line != null && line.matches("[a-z0-9][a-z0-9._-]{0,62}");
  }

  public static boolean isValidVersion(String version) {
    return version != null && version.matches("[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}");
  }

  /** The key of a release on the models topic: {@code <line>/<version>}. */
  public static String releaseKey(String line, String version) {
    return line + "/" + version;
  }

  /** The key of a promotion on the promotions topic: {@code <line>/<id>}. */
  public static String promotionKey(String line, String id) {
    return line + "/" + id;
  }

  /**
   * The default version of a trained model.
   *
   * @param lastTrainingBar open time of the newest bar the model was fitted on or validated with
   * @param fingerprint {@link #fingerprint} of its configuration and data
   */
  public static String defaultVersion(
      String line, Instant lastTrainingBar, String fingerprint, long seed) {
    return line + "-" + BAR_TIME.format(lastTrainingBar) + "-" + fingerprint + "-seed" + seed;
  }

  /**
   * The default version of a model trained elsewhere and wrapped here: {@code <line>[-<last
   * training bar>]-wrapped-<fingerprint>}.
   *
   * @param lastTrainingBar null when unknown
   */
  public static String wrappedVersion(String line, Instant lastTrainingBar, String fingerprint) {
    return line
        + (lastTrainingBar == null ? "" : "-" + BAR_TIME.format(lastTrainingBar))
        + "-wrapped-"
        + fingerprint;
  }

  /**
   * Eight hex digits of the SHA-256 of a configuration (keys sorted) and a digest of the data:
   * equal for equal inputs, different (but for a 2^-32 chance) otherwise.
   */
  public static String fingerprint(Map<String, String> configuration, String dataDigest) {
    StringBuilder canonical = new StringBuilder();
    new TreeMap<>(configuration)
        .forEach((key, value) -> canonical.append(key).append('=').append(value).append('\n'));
    canonical.append("data=").append(dataDigest);
    return ArtifactLayout.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8))
        .substring(0, 8);
  }
}
