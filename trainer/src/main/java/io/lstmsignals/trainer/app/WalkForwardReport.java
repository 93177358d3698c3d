package io.lstmsignals.trainer.app;

import io.lstmsignals.performance.chart.EquityChart;
import io.lstmsignals.performance.chart.TimeChart;
import io.lstmsignals.performance.stats.DeflatedSharpe;
import io.lstmsignals.performance.stats.SharpeDifference;
import io.lstmsignals.trainer.retrain.RetrainPolicy;
import io.lstmsignals.trainer.retrain.WalkForwardEvaluation;
import io.lstmsignals.trainer.retrain.WalkForwardEvaluation.Row;
import io.lstmsignals.trainer.retrain.WalkForwardEvaluation.Table;
import io.lstmsignals.trainer.retrain.WalkForwardStudy;
import io.lstmsignals.trainer.retrain.WalkForwardStudy.ArmRun;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The walk-forward study on disk: {@code walkforward.md} (one table per cost, the statistics, the
 * settings), {@code runs.csv} (every arm × seed × cost) and one equity chart per cost (frozen, the
 * best retrained arm and buy-and-hold; log scale when equity spans more than 10×), PNG and SVG.
 */
final class WalkForwardReport {

  private WalkForwardReport() {}

  /**
   * Writes the report into {@code dir}.
   *
   * @param command the command line that produced the study, for the record
   * @return the markdown file
   */
  static Path write(WalkForwardStudy.Result study, List<Table> tables, String command, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    writeRuns(study, tables, dir.resolve("runs.csv"));
    List<String> charts = new ArrayList<>();
    for (Table table : tables) {
      String name = "equity-" + bps(table.costBps()) + "bps";
      TimeChart chart = chart(study, table);
      chart.writePng(dir.resolve(name + ".png"));
      chart.writeSvg(dir.resolve(name + ".svg"));
      charts.add(name + ".png");
    }
    Path md = dir.resolve("walkforward.md");
    Files.writeString(md, markdown(study, tables, command, charts));
    return md;
  }

  static String markdown(
      WalkForwardStudy.Result study, List<Table> tables, String command, List<String> charts) {
    RetrainPolicy base = study.base();
    StringBuilder md = new StringBuilder();
    md.append("# Walk-forward: ")
        .append(study.bars().source())
        .append("\n\n")
        .append("Command: `")
        .append(command)
        .append("`\n\n");
    int held = tables.getFirst().times().length;
    md.append(
        String.format(
            Locale.ROOT,
            "- bars: %d in the file, %d decided by every arm, held from %s to %s (the first"
                + " %d bars are the first model's window)%n",
            study.bars().size(),
            held,
            Instant.ofEpochMilli(tables.getFirst().times()[0]),
            Instant.ofEpochMilli(tables.getFirst().times()[held - 1]),
            base.windowBars()));
    md.append(
        String.format(
            Locale.ROOT,
            "- training: window %d bars (rolling; expanding = every bar before the boundary), the"
                + " study's 70/10/20 split inside it, W=%d, hidden %d × %d layers, max %d epochs,"
                + " patience %d, lr %s; gate %s%n",
            base.windowBars(),
            base.training().windowBars(),
            base.training().hiddenSize(),
            base.training().layers(),
            base.training().maxEpochs(),
            base.training().patience(),
            base.training().learningRate(),
            base.criterion().describe(base.margin())));
    md.append(
        String.format(
            Locale.ROOT,
            "- seeds: %s; arms: %d (frozen + K %s × %s × gate %s)%n",
            study.grid().seeds(),
            study.grid().arms().size(),
            study.grid().everyBars(),
            study.grid().windows().stream().map(w -> w.name().toLowerCase(Locale.ROOT)).toList(),
            study.grid().gates().stream().map(g -> g ? "on" : "off").toList()));
    md.append(
        String.format(
            Locale.ROOT,
            "- ran %d distinct trainings in %.0f s (wall clock, this run)%n%n",
            study.trainings(),
            study.seconds()));
    md.append(
        "Every bar held is out-of-sample for the model that decided it (it opens at or after the"
            + " boundary of the decision that put that model in force, after its last validation"
            + " bar). Figures: mean ± std over the seeds. Sharpe 95 % CI, Δ Sharpe and p: of the"
            + " seed blend (the equal-weight average of the seeds' returns on each bar), stationary"
            + " bootstrap (Politis–White block length, 2000 resamples, seed 42), paired on the same"
            + " bars. Costs: the basis points shown per position change, charged on the equity at"
            + " the fill (`ReturnSeries.filledAtClose`, as the paper ledger); buy-and-hold pays one"
            + " purchase.\n");
    for (int t = 0; t < tables.size(); t++) {
      Table table = tables.get(t);
      md.append("\n## Cost ").append(bps(table.costBps())).append(" bps per position change\n\n");
      md.append(
          "| arm | retrains | MAE | RMSE | MAPE | dir. acc. | cum. return | Sharpe | Sharpe 95 % CI"
              + " | Sortino | max DD | exposure | trades | Δ Sharpe vs B&H (p) | Δ Sharpe vs frozen"
              + " (p) |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---|\n");
      for (Row row : table.arms()) {
        md.append(row(row));
      }
      md.append(row(table.naive()));
      md.append(row(table.buyAndHold()));
      md.append('\n');
      table
          .deflated()
          .ifPresent(
              d ->
                  md.append(deflated(d, table.best().orElseThrow(), table.arms().size()))
                      .append('\n'));
      md.append("\n![equity](").append(charts.get(t)).append(")\n");
    }
    return md.toString();
  }

  private static String row(Row row) {
    return "| "
        + row.label()
        + " | "
        + (row.retrains() == 0 ? "—" : String.format(Locale.ROOT, "%.1f", row.retrains()))
        + " | "
        + meanStd(row, "mae", "%.2f")
        + " | "
        + meanStd(row, "rmse", "%.2f")
        + " | "
        + meanStd(row, "mape", "%.4f")
        + " | "
        + meanStd(row, "directional_accuracy", "%.3f")
        + " | "
        + meanStd(row, "cumulative_return", "%.3f")
        + " | "
        + meanStd(row, "sharpe", "%.2f")
        + " | "
        + row.sharpe().map(s -> s.formatInterval()).orElse("—")
        + " | "
        + meanStd(row, "sortino", "%.2f")
        + " | "
        + meanStd(row, "max_drawdown", "%.3f")
        + " | "
        + meanStd(row, "exposure", "%.3f")
        + " | "
        + meanStd(row, "trades", "%.0f")
        + " | "
        + difference(row.vsHold())
        + " | "
        + difference(row.vsFrozen())
        + " |\n";
  }

  private static String meanStd(Row row, String metric, String format) {
    OptionalDouble mean = row.mean(metric);
    if (mean.isEmpty()) {
      return "—";
    }
    int seeds = row.perSeed().get(metric).length;
    String text = String.format(Locale.ROOT, format, mean.getAsDouble());
    return seeds < 2
        ? text
        : text + " ± " + String.format(Locale.ROOT, format, row.std(metric).orElseThrow());
  }

  private static String difference(Optional<SharpeDifference> difference) {
    return difference
        .map(
            d ->
                String.format(
                    Locale.ROOT,
                    "%+.2f %s (p %s)",
                    d.estimate(),
                    d.formatInterval(),
                    d.formatPValue()))
        .orElse("—");
  }

  private static String deflated(DeflatedSharpe d, String best, int arms) {
    double year = Math.sqrt(io.lstmsignals.performance.PerformanceMetrics.PERIODS_PER_YEAR_4H);
    return String.format(
        Locale.ROOT,
        "Deflated Sharpe of the best arm (%s, blend Sharpe %.2f) given %d arms tried: %.3f (the"
            + " best of %d arms would show %.2f by luck alone). Near 1: unlikely to be luck; 0.5 or"
            + " less: what that many tries give anyway.",
        best,
        d.sharpe() * year,
        arms,
        d.probability(),
        arms,
        d.expectedMaximum() * year);
  }

  /** Frozen, the best retrained arm by blend Sharpe, and buy-and-hold: equity and drawdown. */
  static TimeChart chart(WalkForwardStudy.Result study, Table table) {
    long[] times = table.times();
    Row frozen = table.arms().getFirst();
    Row best =
        table.arms().stream()
            .skip(1)
            .max(
                java.util.Comparator.comparingDouble(
                    r -> r.sharpe().map(s -> s.estimate()).orElse(Double.NEGATIVE_INFINITY)))
            .orElse(frozen);
    double[] frozenEquity = frozen.equity(times);
    double[] bestEquity = best.equity(times);
    double[] holdEquity = table.buyAndHold().equity(times);
    String title =
        study.bars().source()
            + ": walk-forward, "
            + bps(table.costBps())
            + " bps per change, seed blend of "
            + study.grid().seeds().size()
            + "; frozen, the best retrained arm, buy and hold";
    return new TimeChart(title)
        .with(
            new TimeChart.Panel(
                "equity (start = 1)",
                List.of(
                    new TimeChart.Line("frozen", times, frozenEquity),
                    new TimeChart.Line(best.label(), times, bestEquity),
                    new TimeChart.Line("buy and hold", times, holdEquity)),
                3))
        .with(
            new TimeChart.Panel(
                "drawdown",
                List.of(
                    new TimeChart.Line("frozen", times, EquityChart.drawdowns(frozenEquity)),
                    new TimeChart.Line(best.label(), times, EquityChart.drawdowns(bestEquity)),
                    new TimeChart.Line("buy and hold", times, EquityChart.drawdowns(holdEquity))),
                1));
  }

  private static void writeRuns(WalkForwardStudy.Result study, List<Table> tables, Path file)
      throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("cost_bps,arm,seed,decisions,retrains,promoted");
      for (String metric : WalkForwardEvaluation.METRICS) {
        w.write("," + metric);
      }
      w.write("\n");
      for (Table table : tables) {
        for (int a = 0; a < table.arms().size(); a++) {
          Row row = table.arms().get(a);
          List<ArmRun> runs = study.runs().get(study.grid().arms().get(a));
          for (int s = 0; s < runs.size(); s++) {
            ArmRun run = runs.get(s);
            StringBuilder line =
                new StringBuilder(
                    String.format(
                        Locale.ROOT,
                        "%s,%s,%d,%d,%d,%d",
                        bps(table.costBps()),
                        row.label(),
                        run.seed(),
                        run.decisions(),
                        run.retrains(),
                        run.promoted()));
            for (String metric : WalkForwardEvaluation.METRICS) {
              double[] values = row.perSeed().get(metric);
              line.append(',').append(values.length == runs.size() ? values[s] : "");
            }
            w.write(line + "\n");
          }
        }
      }
    }
  }

  private static String bps(double costBps) {
    return costBps == Math.rint(costBps) ? Long.toString((long) costBps) : Double.toString(costBps);
  }
}
