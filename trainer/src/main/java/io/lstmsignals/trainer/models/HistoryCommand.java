package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code models history}: every decision, oldest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Lists every promotion, rollback, keep and retirement, oldest first.")
final class HistoryCommand extends LifecycleCommand {

  @Option(names = "--line", paramLabel = "LINE", description = "Only this line.")
  String line;

  @Override
  void run(ModelLifecycle lifecycle, PrintWriter out) {
    var lines = lifecycle.history().lines();
    for (String name : lines.lines()) {
      if (line == null || line.equals(name)) {
        for (Promotion promotion : lines.promotions(name)) {
          out.printf("%s  %s%n", name, Listing.decision(promotion));
        }
      }
    }
  }
}
