package io.lstmsignals.bench.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput over a run, split into a warm-up and a steady part, from a timeline of arrivals (each
 * point: when a poll returned, and how many items had arrived by then).
 *
 * <p>The steady part runs from the first point at which at least {@code warmup} items had arrived
 * to the first point at which {@code warmup + measured} had: fixed costs (assignment, first
 * fetches, JIT, the first transactions) stay in the warm-up, and the rate is taken over at least
 * {@code measured} items. Arrivals come in chunks (a committed transaction becomes readable at
 * once), so both ends fall on chunk boundaries and the steady part may hold a few more items than
 * asked. The quarters of the steady part show whether it was steady.
 *
 * @param fromFirst every item, from the first one sent to the last point
 * @param steady the steady part
 * @param quarters the steady part cut into four by item count
 */
public record SteadyState(Throughput fromFirst, Throughput steady, List<Throughput> quarters) {
  public SteadyState {
    quarters = List.copyOf(quarters);
  }

  /**
   * Selects the steady part.
   *
   * @param startNanos when the first item was sent (the same clock as the times)
   * @param times when each point was taken, increasing
   * @param arrived items arrived by each point, non-decreasing
   * @param warmup items left to the warm-up
   * @param measured items the steady part must hold at least
   * @throws IllegalStateException if fewer than {@code warmup + measured} items arrived
   * @throws IllegalArgumentException if the timeline is malformed
   */
  public static SteadyState select(
      long startNanos, long[] times, long[] arrived, long warmup, long measured) {
    if (times.length != arrived.length || times.length == 0) {
      throw new IllegalArgumentException(
          "SteadyState: need as many times as counts, and at least one; got "
              + times.length
              + " and "
              + arrived.length);
    }
    if (warmup < 0 || measured < 4) {
      throw new IllegalArgumentException(
          "SteadyState: need warmup >= 0 and measured >= 4, got " + warmup + ", " + measured);
    }
    for (int i = 1; i < times.length; i++) {
      if (times[i] <= times[i - 1] || arrived[i] < arrived[i - 1]) {
        throw new IllegalArgumentException(
            "SteadyState: point " + i + " goes back in time or in count");
      }
    }
    int last = times.length - 1;
    if (arrived[last] < warmup + measured) {
      throw new IllegalStateException(
          "only "
              + arrived[last]
              + " items arrived, the warm-up ("
              + warmup
              + ") and the steady part ("
              + measured
              + ") need "
              + (warmup + measured));
    }
    // Before the first item arrived nothing can start: with warmup 0 the steady part starts at the
    // first arrival, not at time zero.
    int start = firstReaching(arrived, Math.max(warmup, 1));
    int end = firstReaching(arrived, warmup + measured);
    if (end == start) {
      throw new IllegalStateException(
          "the steady part arrived in a single chunk; measure more items than a chunk holds ("
              + (arrived[end] - (start == 0 ? 0 : arrived[start - 1]))
              + ")");
    }
    List<Throughput> quarters = new ArrayList<>(4);
    int from = start;
    for (int q = 1; q <= 4; q++) {
      long target = arrived[start] + (arrived[end] - arrived[start]) * q / 4;
      int to = q == 4 ? end : Math.max(firstReaching(arrived, target), from + 1);
      to = Math.min(to, end);
      if (to > from) {
        quarters.add(new Throughput(arrived[to] - arrived[from], times[to] - times[from]));
        from = to;
      }
    }
    return new SteadyState(
        new Throughput(arrived[last], times[last] - startNanos),
        new Throughput(arrived[end] - arrived[start], times[end] - times[start]),
        quarters);
  }

  private static int firstReaching(long[] arrived, long count) {
    int index = Arrays.binarySearch(arrived, count);
    if (index < 0) {
      return -index - 1;
    }
    while (index > 0 && arrived[index - 1] == count) {
      index--;
    }
    return index;
  }

  /** (fastest − slowest) / slowest over the quarters: 0 for a perfectly steady part. */
  public double quarterSpread() {
    double min = quarters.stream().mapToDouble(Throughput::perSecond).min().orElseThrow();
    double max = quarters.stream().mapToDouble(Throughput::perSecond).max().orElseThrow();
    return (max - min) / min;
  }
}
