package io.lstmsignals.bench.measure;

/**
 * Items done over a span of wall time.
 *
 * @param items how many (bars, windows, signals)
 * @param nanos how long they took, in nanoseconds
 */
public record Throughput(long items, long nanos) {
  public Throughput {
    if (items < 0 || nanos <= 0) {
      throw new IllegalArgumentException(
          "Throughput: need items >= 0 and nanos > 0, got " + items + " in " + nanos + " ns");
    }
  }

  public double perSecond() {
    return items * 1e9 / nanos;
  }

  public double seconds() {
    return nanos / 1e9;
  }

  /** Wall microseconds per item. */
  public double microsPerItem() {
    return nanos / 1e3 / items;
  }

  /** This rate as a multiple of {@code baseline}'s. */
  public double ratioTo(Throughput baseline) {
    return perSecond() / baseline.perSecond();
  }
}
