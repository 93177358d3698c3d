package io.lstmsignals.ingest.pipeline;

import io.lstmsignals.ingest.bar.OhlcvBar;

/** Where the pipeline's output goes: Kafka in production, a list in unit tests. */
public interface BarSink {

  /**
   * Publishes a validated bar.
   *
   * @param source short provenance tag for the bar, e.g. {@code replay:BTCUSDT-4h.csv}
   */
  void publish(OhlcvBar bar, String source);

  /** Records refused input (the dead-letter topic in production). */
  void reject(Rejection rejection);
}
