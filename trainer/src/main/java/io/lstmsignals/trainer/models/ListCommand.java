package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.schemas.lifecycle.LifecycleHistory;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code models list}: every line, what it serves, what is in force since when, its versions. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Lists the model lines: the symbols each serves, the version in force for a bar opening"
            + " now and since when, and every version with its lineage and status.")
final class ListCommand extends LifecycleCommand {

  @Option(names = "--line", paramLabel = "LINE", description = "Only this line.")
  String line;

  @Override
  void run(ModelLifecycle lifecycle, PrintWriter out) {
    LifecycleHistory history = lifecycle.history();
    ModelLines lines = history.lines();
    if (lines.lines().isEmpty()) {
      out.println("No model lines yet: release one with bin/trainer train --release.");
      return;
    }
    Instant now = Instant.now();
    for (String name : lines.lines()) {
      if (line != null && !line.equals(name)) {
        continue;
      }
      Set<String> symbols = new TreeSet<>();
      lines.releases(name).forEach(r -> symbols.addAll(r.symbols()));
      out.printf("line %s: trained for %s%n", name, symbols);
      Optional<Promotion> inForce = lines.deciding(name, now);
      String current = inForce.map(Promotion::version).orElse(null);
      out.printf(
          "  in force: %s%n",
          inForce.map(p -> sinceWhen(lines, name, p)).orElse("nothing (no promotion yet)"));
      lines.promotions(name).stream()
          .filter(p -> p.effectiveFrom() != null && p.effectiveFrom().isAfter(now))
          .forEach(p -> out.printf("  scheduled: %s%n", Listing.decision(p)));
      out.printf(
          "  %-48s %-17s %-17s %-17s %-10s %s%n",
          "VERSION", "RELEASED", "TRAINED TO", "VALIDATED TO", "SHA256", "PARENT / STATUS");
      for (Release release : lines.releases(name)) {
        String status =
            lines
                .refusal(name, release.version())
                .map(reason -> "REFUSED: " + reason)
                .orElse(release.version().equals(current) ? "IN FORCE" : "");
        out.printf(
            "  %-48s %-17s %-17s %-17s %-10s %s%s%n",
            release.version(),
            Listing.time(
                history.release(name, release.version()).map(r -> r.getReleasedAt()).orElse(null)),
            Listing.time(release.trainedTo()),
            Listing.time(release.validatedTo()),
            release.sha256().substring(0, 8),
            release.parentVersion() == null ? "" : "from " + release.parentVersion() + "  ",
            status);
      }
    }
  }

  /** The deciding promotion, and since when its version has been in force without a break. */
  private static String sinceWhen(ModelLines lines, String line, Promotion deciding) {
    if (deciding.action() == Promotion.Action.RETIRE) {
      return "retired; " + Listing.decision(deciding);
    }
    Promotion first = deciding;
    var history = lines.promotions(line);
    for (int i = history.indexOf(deciding) - 1; i >= 0; i--) {
      Promotion earlier = history.get(i);
      if (!deciding.version().equals(earlier.version())) {
        break;
      }
      first = earlier;
    }
    return deciding.version()
        + " since "
        + Listing.time(first.effectiveFrom() != null ? first.effectiveFrom() : first.decidedAt())
        + " ("
        + Listing.decision(deciding)
        + ")";
  }
}
