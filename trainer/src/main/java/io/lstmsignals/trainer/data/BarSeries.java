package io.lstmsignals.trainer.data;

import io.lstmsignals.schemas.contract.ArtifactLayout;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Bars of one market at one interval, in strictly increasing open time. Gaps are allowed here (real
 * history has exchange outages); {@link #requireNoGaps()} is for protocols that need consecutive
 * bars.
 *
 * @param source where the bars came from (see {@link BarSource#describe()})
 * @param interval the bar length
 */
public record BarSeries(String source, Duration interval, List<OhlcvBar> bars) {

  public BarSeries {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "BarSeries " + source + ": interval " + interval + " must be positive");
    }
    bars = List.copyOf(bars);
    for (int i = 1; i < bars.size(); i++) {
      Instant previous = bars.get(i - 1).openTime();
      Instant current = bars.get(i).openTime();
      if (!current.isAfter(previous)) {
        throw new BarDataException(
            "BarSeries "
                + source
                + ": bar "
                + i
                + " opens at "
                + current
                + ", not after bar "
                + (i - 1)
                + " at "
                + previous
                + "; bars must be in strictly increasing time");
      }
    }
  }

  /**
   * A digest of the bars' times and values (not of where they came from): equal for the same bars
   * read from a file or from the bars topic.
   */
  public String digest() {
    ByteBuffer buffer = ByteBuffer.allocate(bars.size() * 48 + 8);
    buffer.putLong(interval.toMillis());
    for (OhlcvBar bar : bars) {
      buffer
          .putLong(bar.openTime().toEpochMilli())
          .putDouble(bar.open())
          .putDouble(bar.high())
          .putDouble(bar.low())
          .putDouble(bar.close())
          .putDouble(bar.volume());
    }
    return ArtifactLayout.sha256(buffer.array());
  }

  public int size() {
    return bars.size();
  }

  public OhlcvBar bar(int index) {
    return bars.get(index);
  }

  /** The bars opening in [from, to). */
  public BarSeries between(Instant from, Instant to) {
    return new BarSeries(
        source + " [" + from + ", " + to + ")",
        interval,
        bars.stream()
            .filter(bar -> !bar.openTime().isBefore(from) && bar.openTime().isBefore(to))
            .toList());
  }

  /**
   * Checks that every bar opens exactly one interval after the previous one.
   *
   * @return this series
   * @throws BarDataException naming the first gap
   */
  public BarSeries requireNoGaps() {
    for (int i = 1; i < bars.size(); i++) {
      Instant previous = bars.get(i - 1).openTime();
      Instant current = bars.get(i).openTime();
      if (!previous.plus(interval).equals(current)) {
        long missing = Duration.between(previous, current).dividedBy(interval) - 1;
        throw new BarDataException(
            "BarSeries "
                + source
                + ": gap between the bars at "
                + previous
                + " and "
                + current
                + " ("
                + missing
                + " missing "
                + interval
                + " bars); the study protocol needs consecutive"
                + " bars, so choose a range without gaps with --from/--to");
      }
    }
    return this;
  }
}
