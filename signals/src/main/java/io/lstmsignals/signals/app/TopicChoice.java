package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.Fill;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.signals.stream.SignalsConfig;
import org.apache.avro.specific.SpecificRecord;

/**
 * The topics {@code tail} can follow, by short name; the actual names come from the configuration.
 */
enum TopicChoice {
  SIGNALS(Signal.class),
  PNL(PnlSnapshot.class),
  FILLS(Fill.class),
  SIGNALS_DLQ(DeadLetter.class),
  BARS_DLQ(DeadLetter.class);

  final Class<? extends SpecificRecord> type;

  TopicChoice(Class<? extends SpecificRecord> type) {
    this.type = type;
  }

  String topic(SignalsConfig config) {
    return switch (this) {
      case SIGNALS -> config.signals().name();
      case PNL -> config.pnl().name();
      case FILLS -> config.fills().name();
      case SIGNALS_DLQ -> config.signalsDeadLetters().name();
      case BARS_DLQ -> config.barsDeadLetters().name();
    };
  }
}
