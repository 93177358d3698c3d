package io.lstmsignals.ingest.pipeline;

import io.lstmsignals.ingest.bar.OhlcvBar;
import java.time.Instant;

/**
 * One record read from a source: a bar that passed its own checks, or input that could not become a
 * bar.
 */
public sealed interface InputRecord {

  Provenance provenance();

  /** When the record happened, for merging sources in time order: a bar's close time. */
  Instant eventTime();

  /** A well-formed bar; the ordering rules are checked later, per symbol. */
  record Parsed(OhlcvBar bar, Provenance provenance) implements InputRecord {
    @Override
    public Instant eventTime() {
      return bar.closeTime();
    }
  }

  /**
   * Input that is not a valid bar.
   *
   * @param symbol the symbol when known (from the file name or the request), else null
   * @param eventTime the time of the last good record before it in the same source, so it stays in
   *     place when merged
   * @param errorType the exception class that rejected it, or null
   */
  record Unreadable(
      Provenance provenance, String symbol, String reason, String errorType, Instant eventTime)
      implements InputRecord {}
}
