package io.lstmsignals.schemas.serde;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.Fill;
import io.lstmsignals.schemas.avro.FillMode;
import io.lstmsignals.schemas.avro.FlatReason;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Side;
import io.lstmsignals.schemas.avro.Signal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One realistic instance of every contract, with every optional field set, for round-trip tests.
 */
final class SampleRecords {
  static final Instant OPEN = Instant.parse("2024-05-01T04:00:00Z");
  static final Instant CLOSE = Instant.parse("2024-05-01T08:00:00Z");

  private SampleRecords() {}

  static Bar bar() {
    return Bar.newBuilder()
        .setSymbol("BTCUSDT")
        .setInterval("4h")
        .setOpenTime(OPEN)
        .setCloseTime(CLOSE)
        .setOpen(60_672.01)
        .setHigh(61_200.0)
        .setLow(59_100.5)
        .setClose(60_950.99)
        .setVolume(1234.5678)
        .setSource("replay:BTCUSDT-4h-2024.csv")
        .build();
  }

  static Signal signal() {
    return Signal.newBuilder()
        .setSymbol("BTCUSDT")
        .setBarOpenTime(OPEN)
        .setBarCloseTime(CLOSE)
        .setDecision(Decision.FLAT)
        .setReason(FlatReason.PREDICTED_NOT_UP)
        .setReasonDetail("predicted close below")
        .setPredictedLogReturn(-0.0012)
        .setReferenceClose(60_950.99)
        .setPredictedClose(60_877.9)
        .setModelVersion("v1")
        .setScoredAt(CLOSE.plusMillis(12))
        .build();
  }

  static Fill fill() {
    return Fill.newBuilder()
        .setSymbol("BTCUSDT")
        .setFillTime(CLOSE)
        .setSignalBarOpenTime(OPEN)
        .setSide(Side.BUY)
        .setPositionBefore(0)
        .setPositionAfter(1)
        .setPrice(60_950.99)
        .setNotional(10_000)
        .setFee(1)
        .setSlippage(0.5)
        .setFillMode(FillMode.REFERENCE_CLOSE)
        .setModelVersion("v1")
        .build();
  }

  static PnlSnapshot pnl() {
    return PnlSnapshot.newBuilder()
        .setScope(PnlScope.SYMBOL)
        .setSymbol("BTCUSDT")
        .setBarOpenTime(OPEN)
        .setBarCloseTime(CLOSE)
        .setPosition(1)
        .setBarReturn(0.0046)
        .setStrategyReturn(0.0045)
        .setCosts(1.5)
        .setEquity(10_045)
        .setCumulativeReturn(0.0045)
        .setDrawdown(0)
        .setMaxDrawdown(-0.02)
        .setBarsRealized(10)
        .setBarsLong(6)
        .setTrades(3)
        .setModelVersion("v1")
        .build();
  }

  static ModelRelease modelRelease() {
    return ModelRelease.newBuilder()
        .setModelName("lstm-4h")
        .setVersion("v1")
        .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .setArtifact(ByteBuffer.wrap(new byte[] {8, 1, 18, 3}))
        .setWindowBars(48)
        .setReleasedAt(CLOSE)
        .setTrainedFrom(Instant.parse("2024-01-01T00:00:00Z"))
        .setTrainedTo(OPEN)
        .setMetrics(Map.of("sharpe", 4.266, "mae", 522.29))
        .setMetadata(Map.of("seed", "42"))
        .build();
  }

  static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setStage("ingest")
        .setOrigin("data/BTCUSDT-4h.csv")
        .setLocation("line 17")
        .setKey("BTCUSDT")
        .setPayload(ByteBuffer.wrap("2024-05-01T04:00:00Z,1,0.5,2,1,3".getBytes()))
        .setPayloadText("2024-05-01T04:00:00Z,1,0.5,2,1,3")
        .setReason("high 0.5 < low 2")
        .setErrorType(null)
        .setFailedAt(CLOSE)
        .build();
  }

  static List<SpecificRecord> all() {
    return List.of(bar(), signal(), fill(), pnl(), modelRelease(), deadLetter());
  }
}
