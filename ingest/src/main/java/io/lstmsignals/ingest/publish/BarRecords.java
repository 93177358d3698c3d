package io.lstmsignals.ingest.publish;

import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.pipeline.Rejection;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.deadletter.DeadLetters;
import java.time.Instant;

/** Converts between the pure core's values and the Avro contracts. */
public final class BarRecords {
  /** The stage name written into dead letters. */
  public static final String STAGE = "ingest";

  private BarRecords() {}

  public static Bar toAvro(OhlcvBar bar, String source) {
    return new Bar(
        bar.symbol(),
        bar.interval().name(),
        bar.openTime(),
        bar.closeTime(),
        bar.open(),
        bar.high(),
        bar.low(),
        bar.close(),
        bar.volume(),
        source);
  }

  /**
   * @throws io.lstmsignals.ingest.bar.InvalidBarException when the record breaks a bar rule
   */
  public static OhlcvBar fromAvro(Bar bar) {
    return new OhlcvBar(
        bar.getSymbol(),
        BarInterval.parse(bar.getInterval()),
        bar.getOpenTime(),
        bar.getCloseTime(),
        bar.getOpen(),
        bar.getHigh(),
        bar.getLow(),
        bar.getClose(),
        bar.getVolume());
  }

  public static DeadLetter toDeadLetter(Rejection rejection, Instant failedAt) {
    return DeadLetters.rejectedLine(
        STAGE,
        rejection.provenance().origin(),
        rejection.provenance().location(),
        rejection.symbol(),
        rejection.provenance().text(),
        rejection.reason(),
        rejection.errorType(),
        failedAt);
  }
}
