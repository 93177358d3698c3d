package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * A line's serving policy as a promotion sets it: opt-in symbols and the maximum model age. Unless
 * changed here, a new decision keeps the policy of the one in force.
 */
final class PolicyOptions {

  static final class OptIn {
    @Option(
        names = "--opt-in",
        split = ",",
        paramLabel = "SYMBOL",
        description =
            "Symbols the line also scores though its model was not trained on them (for models"
                + " with scale-free features); the signals say so. Replaces the current list.")
    List<String> symbols;

    @Option(names = "--no-opt-in", description = "Drop the current opt-in symbols.")
    boolean none;
  }

  static final class MaxAge {
    @Option(
        names = "--max-age-bars",
        paramLabel = "N",
        description =
            "Expiry: bars closing more than N bars after the model's last training bar get"
                + " FLAT(MODEL_EXPIRED).")
    Integer bars;

    @Option(names = "--no-max-age", description = "Drop the current expiry.")
    boolean none;
  }

  @ArgGroup(exclusive = true)
  OptIn optIn;

  @ArgGroup(exclusive = true)
  MaxAge maxAge;

  @Option(
      names = "--past-schedule",
      description =
          "On a line a retrainer decides: keep this version in force past the schedule's next"
              + " boundary (for when the retrainer is down); by default, bars from that boundary on"
              + " wait for the retrainer's decision, as they did before.")
  boolean pastSchedule;

  @Option(
      names = "--effective-from",
      paramLabel = "INSTANT",
      description =
          "Open time of the first bar it applies to (ISO-8601). Default: the next bar a scorer"
              + " processes.")
  Instant effectiveFrom;

  List<String> optInSymbols(Optional<Promotion> current) {
    if (optIn == null) {
      return current.map(Promotion::optInSymbols).orElse(List.of());
    }
    return optIn.none ? List.of() : optIn.symbols;
  }

  /** Until when the decision holds: the current one's schedule boundary, unless told otherwise. */
  Instant validUntil(Optional<Promotion> current) {
    return pastSchedule ? null : current.map(Promotion::validUntil).orElse(null);
  }

  OptionalInt maxAgeBars(Optional<Promotion> current) {
    if (maxAge == null) {
      return current.map(Promotion::maxAgeBars).orElse(OptionalInt.empty());
    }
    return maxAge.none ? OptionalInt.empty() : OptionalInt.of(maxAge.bars);
  }
}
