package io.lstmsignals.trainer.study;

import java.util.OptionalDouble;

/**
 * A row of the study's published table (single seed); empty where the study printed nothing.
 *
 * @param mapePercent MAPE in percent, as printed
 * @param note what the study said about the row, or ""
 */
public record PublishedResult(
    OptionalDouble mae,
    OptionalDouble rmse,
    OptionalDouble mapePercent,
    OptionalDouble directionalAccuracy,
    OptionalDouble cumulativeReturn,
    OptionalDouble sharpe,
    String note) {

  /** A row from numbers, NaN meaning "not printed". */
  public static PublishedResult of(
      double mae,
      double rmse,
      double mapePercent,
      double directionalAccuracy,
      double cumulativeReturn,
      double sharpe) {
    return new PublishedResult(
        present(mae),
        present(rmse),
        present(mapePercent),
        present(directionalAccuracy),
        present(cumulativeReturn),
        present(sharpe),
        "");
  }

  private static OptionalDouble present(double value) {
    return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
