package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.lifecycle.LifecycleHistory;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models show VERSION}: one release in full, its lineage and the decisions about it. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Shows a version: its data ranges, configuration, seed, metrics, lineage (its parents) and"
            + " every promotion that named it.")
final class ShowCommand extends LifecycleCommand {

  @Parameters(paramLabel = "VERSION", description = "The version.")
  String version;

  @Option(
      names = "--line",
      paramLabel = "LINE",
      description = "Its line (needed only when two lines have the version).")
  String line;

  @Override
  void run(ModelLifecycle lifecycle, PrintWriter out) {
    LifecycleHistory history = lifecycle.history();
    String name = lineOf(history, line, version);
    ModelLines lines = history.lines();
    ModelRelease release = history.release(name, version).orElseThrow();
    out.printf("%s@%s%n", name, version);
    row(out, "sha256", release.getSha256());
    row(out, "status", lines.refusal(name, version).map(r -> "REFUSED: " + r).orElse("valid"));
    row(out, "symbols", release.getSymbols().toString());
    row(out, "interval", release.getInterval() + ", W = " + release.getWindowBars());
    row(out, "released", Listing.time(release.getReleasedAt()));
    row(out, "data", Optional.ofNullable(release.getDataSource()).orElse("-"));
    row(out, "trained", range(release.getTrainedFrom(), release.getTrainedTo()));
    row(out, "validated", range(release.getValidatedFrom(), release.getValidatedTo()));
    row(out, "tested", range(release.getTestedFrom(), release.getTestedTo()));
    row(out, "seed", release.getSeed() == null ? "-" : release.getSeed().toString());
    row(out, "lineage", String.join(" <- ", lineage(history, name, version)));
    new TreeMap<>(release.getConfig()).forEach((k, v) -> row(out, "config " + k, v));
    new TreeMap<>(release.getMetrics()).forEach((k, v) -> row(out, "metric " + k, v.toString()));
    List<Promotion> decisions =
        lines.promotions(name).stream().filter(p -> version.equals(p.version())).toList();
    if (decisions.isEmpty()) {
      row(out, "promotions", "none: never in force");
    }
    decisions.forEach(p -> row(out, "promotion", Listing.decision(p)));
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("  %-34s %s%n", label, value);
  }

  private static String range(java.time.Instant from, java.time.Instant to) {
    return from == null && to == null
        ? "-"
        : "bars " + Listing.time(from) + " .. " + Listing.time(to);
  }

  /** The version, its parent, the parent's parent, ... as far as the releases go. */
  private static List<String> lineage(LifecycleHistory history, String line, String version) {
    List<String> chain = new ArrayList<>();
    String next = version;
    while (next != null && !chain.contains(next)) {
      chain.add(next);
      next = history.release(line, next).map(ModelRelease::getParentVersion).orElse(null);
    }
    return chain;
  }
}
