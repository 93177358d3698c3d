package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import io.lstmsignals.service.cli.LifecycleOptions;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code models retire}: takes a line out of service. */
@Command(
    name = "retire",
    mixinStandardHelpOptions = true,
    description =
        "Takes a line out of service: its symbols get FLAT(NO_MODEL_FOR_SYMBOL) until a version is"
            + " promoted again.")
final class RetireCommand extends LifecycleCommand {

  @Option(names = "--line", required = true, paramLabel = "LINE", description = "The line.")
  String line;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why, for the record.")
  String reason;

  @Option(
      names = "--effective-from",
      paramLabel = "INSTANT",
      description =
          "Open time of the first bar it applies to (ISO-8601). Default: the next bar a scorer"
              + " processes.")
  Instant effectiveFrom;

  @Override
  boolean writes() {
    return true;
  }

  @Override
  void run(ModelLifecycle lifecycle, PrintWriter out) throws InterruptedException {
    if (!lifecycle.history().lines().lines().contains(line)) {
      throw new IllegalArgumentException(
          "there is no line " + line + "; bin/models list shows them");
    }
    Promotion promotion = lifecycle.retire(line, effectiveFrom, LifecycleOptions.actor(), reason);
    out.printf("%s retired: %s%n", line, Listing.decision(promotion));
  }
}
