package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.lifecycle.LifecycleHistory;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code models rollback --to VERSION}: puts back a version that was in force before. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description =
        "Puts back a version that was in force before: scorers swap to it between two bars, none"
            + " lost or repeated.")
final class RollbackCommand extends LifecycleCommand {

  @Option(
      names = "--to",
      required = true,
      paramLabel = "VERSION",
      description = "The earlier version.")
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
    LifecycleHistory history = lifecycle.history();
    String name = lineOf(history, line, version);
    boolean wasInForce =
        history.lines().promotions(name).stream().anyMatch(p -> version.equals(p.version()));
    if (!wasInForce) {
      throw new IllegalArgumentException(
          name
              + "@"
              + version
              + " was never in force, so there is nothing to roll back to; promote it instead");
    }
    PromoteCommand.putInForce(
        lifecycle, Promotion.Action.ROLLBACK, version, name, reason, policy, out);
  }
}
