package io.lstmsignals.trainer.app;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.trainer.eval.TestEvaluation;
import java.io.PrintWriter;
import java.util.Locale;

/** How the commands print an evaluation: the study's forecast and long/flat metrics, no costs. */
final class EvaluationLines {

  private EvaluationLines() {}

  static void print(PrintWriter out, String label, TestEvaluation evaluation) {
    out.printf(
        Locale.ROOT,
        "%-10s MAE %.2f  RMSE %.2f  MAPE %.4f %%  dir.acc %s  (%d rows)%n",
        label,
        evaluation.forecast().mae(),
        evaluation.forecast().rmse(),
        evaluation.forecast().mapePercent(),
        PerformanceMetrics.format(evaluation.forecast().directionalAccuracy()),
        evaluation.rows().size());
    out.printf(
        Locale.ROOT,
        "%-10s long/flat cum.return %.4f  Sharpe %s   (buy-and-hold %.4f, %s; no costs)%n",
        "",
        evaluation.strategyMetrics().cumulativeReturn(),
        PerformanceMetrics.format(evaluation.strategyMetrics().sharpe()),
        evaluation.buyAndHoldMetrics().cumulativeReturn(),
        PerformanceMetrics.format(evaluation.buyAndHoldMetrics().sharpe()));
  }
}
