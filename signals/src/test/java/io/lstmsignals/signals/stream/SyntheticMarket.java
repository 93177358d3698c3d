package io.lstmsignals.signals.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.FlatReason;
import io.lstmsignals.schemas.avro.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reproducible 4h bars of a random walk and random long/flat signals on them, for topology tests.
 */
public record SyntheticMarket(List<Bar> bars, List<Signal> signals) {

  static final long H4 = 4 * 3600_000L;
  static final Instant START = Instant.parse("2024-09-25T00:00:00Z");

  public static SyntheticMarket of(String symbol, int bars, long seed) {
    Random random = new Random(seed);
    List<Bar> barList = new ArrayList<>();
    List<Signal> signalList = new ArrayList<>();
    double close = 60_000;
    for (int i = 0; i < bars; i++) {
      double open = close * (1 + random.nextGaussian() * 0.001);
      close = open * (1 + random.nextGaussian() * 0.01);
      Instant openTime = START.plusMillis(i * H4);
      barList.add(bar(symbol, openTime, open, close));
      signalList.add(signal(symbol, openTime, close, random.nextBoolean()));
    }
    return new SyntheticMarket(barList, signalList);
  }

  static Bar bar(String symbol, Instant openTime, double open, double close) {
    return Bar.newBuilder()
        .setSymbol(symbol)
        .setInterval("4h")
        .setOpenTime(openTime)
        .setCloseTime(openTime.plusMillis(H4))
        .setOpen(open)
        .setHigh(Math.max(open, close) * 1.001)
        .setLow(Math.min(open, close) * 0.999)
        .setClose(close)
        .setVolume(10)
        .setSource("test")
        .build();
  }

  static Signal signal(String symbol, Instant barOpenTime, double referenceClose, boolean up) {
    return Signal.newBuilder()
        .setSymbol(symbol)
        .setInterval("4h")
        .setBarOpenTime(barOpenTime)
        .setBarCloseTime(barOpenTime.plusMillis(H4))
        .setDecision(up ? Decision.LONG : Decision.FLAT)
        .setReason(up ? null : FlatReason.PREDICTED_NOT_UP)
        .setReasonDetail(null)
        .setPredictedLogReturn(up ? 0.001 : -0.001)
        .setReferenceClose(referenceClose)
        .setPredictedClose(referenceClose * Math.exp(up ? 0.001 : -0.001))
        .setModelVersion("test-1")
        .setScoredAt(barOpenTime.plusMillis(H4 + 5))
        .build();
  }
}
