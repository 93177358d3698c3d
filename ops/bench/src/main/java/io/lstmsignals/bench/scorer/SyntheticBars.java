package io.lstmsignals.bench.scorer;

import io.lstmsignals.schemas.avro.Bar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random-walk 4h bars for benchmarks: realistic shapes, no files needed. */
final class SyntheticBars {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final Duration H4 = Duration.ofHours(4);

  private SyntheticBars() {}

  /** {@code count} contiguous bars of one symbol, oldest first. */
  static List<Bar> series(String symbol, int count, long seed) {
    Walk walk = new Walk(symbol, seed);
    List<Bar> bars = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      bars.add(walk.next());
    }
    return bars;
  }

  /**
   * One symbol's bars, made one at a time, so that many symbols' series cost a few bytes each until
   * their bars are sent.
   */
  static final class Walk {
    private final String symbol;
    private final SplittableRandom random;
    private double close;
    private int index;

    Walk(String symbol, long seed) {
      this.symbol = symbol;
      this.random = new SplittableRandom(seed);
      this.close = 100 + random.nextDouble(900);
    }

    String symbol() {
      return symbol;
    }

    /** How many bars this walk has made: the index of the next one. */
    int made() {
      return index;
    }

    /** The next contiguous bar. */
    Bar next() {
      double open = close;
      close = open * Math.exp(0.01 * gaussian(random));
      double high = Math.max(open, close) * (1 + 0.004 * random.nextDouble());
      double low = Math.min(open, close) * (1 - 0.004 * random.nextDouble());
      Instant openTime = START.plus(H4.multipliedBy(index++));
      return Bar.newBuilder()
          .setSymbol(symbol)
          .setInterval("4h")
          .setOpenTime(openTime)
          .setCloseTime(openTime.plus(H4))
          .setOpen(open)
          .setHigh(high)
          .setLow(low)
          .setClose(close)
          .setVolume(1000 * Math.exp(0.5 * gaussian(random)))
          .setSource("benchmark")
          .build();
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
