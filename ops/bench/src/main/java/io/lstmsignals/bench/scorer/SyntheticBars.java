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
    SplittableRandom random = new SplittableRandom(seed);
    List<Bar> bars = new ArrayList<>(count);
    double close = 100 + random.nextDouble(900);
    for (int i = 0; i < count; i++) {
      double open = close;
      close = open * Math.exp(0.01 * gaussian(random));
      double high = Math.max(open, close) * (1 + 0.004 * random.nextDouble());
      double low = Math.min(open, close) * (1 - 0.004 * random.nextDouble());
      Instant openTime = START.plus(H4.multipliedBy(i));
      bars.add(
          Bar.newBuilder()
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
              .build());
    }
    return bars;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
