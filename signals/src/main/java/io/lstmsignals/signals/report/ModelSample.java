package io.lstmsignals.signals.report;

import java.time.Instant;
import java.util.Optional;

/**
 * The bars a model version was fit and selected on, as its release states them: bar open times,
 * inclusive. A bar decided by this version is out-of-sample when it opens after {@code
 * validatedTo}, the last bar the version was judged on while it was made.
 *
 * @param version the model version, as signals and snapshots name it
 * @param trainedFrom first training bar
 * @param trainedTo last training bar
 * @param validatedTo last validation bar; empty when the release does not say (then none of its
 *     bars can be shown to be out-of-sample)
 * @param testedFrom first bar of the trainer's own test slice, if any
 * @param testedTo last bar of it
 */
public record ModelSample(
    String version,
    Optional<Instant> trainedFrom,
    Optional<Instant> trainedTo,
    Optional<Instant> validatedTo,
    Optional<Instant> testedFrom,
    Optional<Instant> testedTo) {

  /** Whether a bar opening at {@code barOpenTime} (epoch ms) lies after the validation range. */
  public boolean isOutOfSample(long barOpenTime) {
    return validatedTo.isPresent() && barOpenTime > validatedTo.get().toEpochMilli();
  }

  /** E.g. {@code trained 2024-01-01T04:00:00Z … 2024-08-29T08:00:00Z, validated to …}. */
  public String describe() {
    return "trained "
        + text(trainedFrom)
        + " … "
        + text(trainedTo)
        + ", validated to "
        + text(validatedTo)
        + testedFrom
            .map(from -> ", its trainer tested " + from + " … " + text(testedTo))
            .orElse("");
  }

  private static String text(Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse("?");
  }
}
