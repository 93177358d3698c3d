package io.lstmsignals.trainer.data;

import java.util.Arrays;

/**
 * Per-column min–max scaling to [0, 1]: {@code (x − min) / (max − min)}. A constant column (max =
 * min) is scaled by 1 instead, as scikit-learn does, so it stays finite. Immutable.
 */
public final class MinMaxScaler {

  private final double[] min;
  private final double[] max;

  /** A scaler with known bounds (e.g. read from a model card). */
  public MinMaxScaler(double[] min, double[] max) {
    if (min.length != max.length || min.length == 0) {
      throw new IllegalArgumentException(
          "MinMaxScaler: min has "
              + min.length
              + " columns and max "
              + max.length
              + "; they must be equal and > 0");
    }
    for (int column = 0; column < min.length; column++) {
      if (!Double.isFinite(min[column])
          || !Double.isFinite(max[column])
          || max[column] < min[column]) {
        throw new IllegalArgumentException(
            "MinMaxScaler: column "
                + column
                + " has min "
                + min[column]
                + " and max "
                + max[column]
                + "; both must be finite and max >= min");
      }
    }
    this.min = min.clone();
    this.max = max.clone();
  }

  /**
   * Fits the bounds on rows {@code [from, to)} only (the training rows: the scaler must not see
   * later data).
   *
   * @param rows values by row, then column
   */
  public static MinMaxScaler fit(double[][] rows, int from, int to) {
    if (from < 0 || to > rows.length || from >= to) {
      throw new IllegalArgumentException(
          "MinMaxScaler: cannot fit on rows ["
              + from
              + ", "
              + to
              + ") of "
              + rows.length
              + "; need a non-empty range inside the data");
    }
    int columns = rows[from].length;
    double[] min = new double[columns];
    double[] max = new double[columns];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int row = from; row < to; row++) {
      for (int column = 0; column < columns; column++) {
        min[column] = Math.min(min[column], rows[row][column]);
        max[column] = Math.max(max[column], rows[row][column]);
      }
    }
    return new MinMaxScaler(min, max);
  }

  public int columns() {
    return min.length;
  }

  public double min(int column) {
    return min[column];
  }

  public double max(int column) {
    return max[column];
  }

  /** The divisor of {@link #scale}: max − min, or 1 for a constant column. */
  public double range(int column) {
    double range = max[column] - min[column];
    return range == 0 ? 1.0 : range;
  }

  public double scale(int column, double value) {
    return (value - min[column]) / range(column);
  }

  public double unscale(int column, double scaled) {
    return scaled * range(column) + min[column];
  }

  public double[] mins() {
    return min.clone();
  }

  public double[] maxes() {
    return max.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinMaxScaler other
        && Arrays.equals(min, other.min)
        && Arrays.equals(max, other.max);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
  }

  @Override
  public String toString() {
    return "MinMaxScaler[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
  }
}
