package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.lifecycle.LifecycleHistory;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import io.lstmsignals.service.cli.LifecycleOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models promote VERSION}: puts a released version in force. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description =
        "Puts a released version in force for its line: scorers swap to it between two bars, none"
            + " lost or repeated.")
final class PromoteCommand extends LifecycleCommand {

  @Parameters(paramLabel = "VERSION", description = "The version to put in force.")
  String version;

  @Option(
      names = "--line",
      paramLabel = "LINE",
      description = "Its line (needed only when two lines have the version).")
  String line;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why, for the record.")
  String reason;

  @Mixin PolicyOptions policy;

  @Override
  boolean writes() {
    return true;
  }

  @Override
  void run(ModelLifecycle lifecycle, PrintWriter out) throws InterruptedException {
    putInForce(lifecycle, Promotion.Action.PROMOTE, version, line, reason, policy, out);
  }

  static void putInForce(
      ModelLifecycle lifecycle,
      Promotion.Action action,
      String version,
      String line,
      String reason,
      PolicyOptions policy,
      PrintWriter out)
      throws InterruptedException {
    LifecycleHistory history = lifecycle.history();
    String name = lineOf(history, line, version);
    Optional<Promotion> current = history.lines().deciding(name, Instant.now());
    Promotion promotion =
        lifecycle.putInForce(
            action,
            name,
            version,
            policy.effectiveFrom,
            policy.validUntil(current),
            policy.optInSymbols(current),
            policy.maxAgeBars(current),
            LifecycleOptions.actor(),
            reason);
    out.printf(
        "%s %s: %s%n",
        name,
        action == Promotion.Action.ROLLBACK ? "rolled back" : "promoted",
        Listing.decision(promotion));
  }
}
