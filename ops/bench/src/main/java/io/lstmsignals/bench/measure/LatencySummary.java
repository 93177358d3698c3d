package io.lstmsignals.bench.measure;

import java.util.Arrays;

/**
 * p50, p99 and max of a set of latencies, by the nearest-rank definition: the p-th percentile of n
 * sorted values is the value at rank ⌈p/100 · n⌉, so every figure is a latency that was observed
 * (exact, unlike a bucketed histogram, and cheap at the benchmarks' few hundred thousand samples).
 *
 * @param count how many latencies were summarised
 * @param p50Nanos median
 * @param p99Nanos 99th percentile
 * @param maxNanos the largest
 */
public record LatencySummary(int count, long p50Nanos, long p99Nanos, long maxNanos) {

  /**
   * Summarises the latencies; the array is not modified.
   *
   * @throws IllegalArgumentException if there are none
   */
  public static LatencySummary of(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("LatencySummary: no latencies to summarise");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new LatencySummary(
        sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 99), sorted[sorted.length - 1]);
  }

  /** The value at rank ⌈p/100 · n⌉ (1-based) of sorted values. */
  static long nearestRank(long[] sorted, int percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  public double p50Millis() {
    return p50Nanos / 1e6;
  }

  public double p99Millis() {
    return p99Nanos / 1e6;
  }

  public double maxMillis() {
    return maxNanos / 1e6;
  }
}
