package io.lstmsignals.trainer.report;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.chart.EquityChart;
import io.lstmsignals.performance.chart.TimeChart;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.trainer.eval.ForecastMetrics;
import io.lstmsignals.trainer.eval.ForecastRow;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.export.ModelCard;
import io.lstmsignals.trainer.train.EpochReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human-readable report of one model: {@code report.md} with its card, test metrics and
 * training history, and two SVG charts beside it: predicted vs actual close on the test rows, and
 * the long/flat equity curve against buy-and-hold.
 */
public final class ModelReport {

  public static final String PREDICTIONS_CHART = "predicted-vs-actual.svg";
  public static final String EQUITY_CHART = "equity.svg";

  private ModelReport() {}

  /**
   * Writes the report files into {@code directory}.
   *
   * @param history the training epochs, empty for a wrapped model
   */
  public static void write(
      Path directory,
      String fileName,
      ModelCard card,
      TestEvaluation test,
      List<EpochReport> history)
      throws IOException {
    List<ForecastRow> rows = test.rows();
    long[] times = rows.stream().mapToLong(row -> row.targetTime().toEpochMilli()).toArray();
    String title = card.get(ModelCardKeys.SYMBOL).orElse("") + " " + card.version();
    new TimeChart(title + ": close on the test bars")
        .with(
            new TimeChart.Panel(
                "close (quote asset)",
                List.of(
                    new TimeChart.Line(
                        "actual",
                        times,
                        rows.stream().mapToDouble(ForecastRow::actualClose).toArray()),
                    new TimeChart.Line(
                        "predicted",
                        times,
                        rows.stream().mapToDouble(ForecastRow::predictedClose).toArray())),
                1))
        .writeSvg(directory.resolve(PREDICTIONS_CHART));
    EquityChart.of(
            title + ": LSTM long/flat vs buy and hold on the test bars",
            times,
            test.strategy().equityCurve(),
            test.buyAndHold().equityCurve(),
            test.strategy().positions(),
            null,
            "")
        .writeSvg(directory.resolve(EQUITY_CHART));
    Files.writeString(
        directory.resolve(fileName), markdown(card, test, history), StandardCharsets.UTF_8);
  }

  static String markdown(ModelCard card, TestEvaluation test, List<EpochReport> history) {
    StringBuilder md = new StringBuilder();
    md.append("# Model ").append(card.version()).append("\n\n");
    md.append("Test rows: ")
        .append(test.rows().size())
        .append(" (")
        .append(card.get(ModelCardKeys.TESTED_FROM).orElse("?"))
        .append(" … ")
        .append(card.get(ModelCardKeys.TESTED_TO).orElse("?"))
        .append("), one step ahead, frozen weights.\n\n");
    ForecastMetrics forecast = test.forecast();
    md.append("## Forecast\n\n| metric | value |\n|---|---|\n");
    row(md, "MAE (USD)", String.format(Locale.ROOT, "%.2f", forecast.mae()));
    row(md, "RMSE (USD)", String.format(Locale.ROOT, "%.2f", forecast.rmse()));
    row(md, "MAPE %", String.format(Locale.ROOT, "%.4f", forecast.mapePercent()));
    row(
        md,
        "directional accuracy",
        PerformanceMetrics.format(forecast.directionalAccuracy())
            + " ("
            + forecast.directionalRows()
            + " rows with a move)");
    md.append(
        "\n## Long/flat strategy vs buy-and-hold (no costs)\n\n| metric | LSTM long/flat | buy and hold |\n"
            + "|---|---|---|\n");
    Map<String, String> strategy = test.strategyMetrics().asRows();
    Map<String, String> hold = test.buyAndHoldMetrics().asRows();
    strategy.forEach(
        (name, value) ->
            md.append("| ")
                .append(name)
                .append(" | ")
                .append(value)
                .append(" | ")
                .append(hold.get(name))
                .append(" |\n"));
    md.append("\n![predicted vs actual close](").append(PREDICTIONS_CHART).append(")\n\n");
    md.append("![equity](").append(EQUITY_CHART).append(")\n\n");
    if (!history.isEmpty()) {
      md.append("## Training\n\n| epoch | train loss | validation loss | seconds | best so far |\n")
          .append("|---|---|---|---|---|\n");
      for (EpochReport epoch : history) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %d | %.6f | %.6f | %.2f | %s |%n",
                epoch.epoch(),
                epoch.trainLoss(),
                epoch.validationLoss(),
                epoch.seconds(),
                epoch.improved() ? "yes" : ""));
      }
      md.append('\n');
    }
    md.append("## Card\n\n| key | value |\n|---|---|\n");
    card.entries().forEach((key, value) -> row(md, "`" + key + "`", value.replace("|", "\\|")));
    return md.toString();
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }
}
