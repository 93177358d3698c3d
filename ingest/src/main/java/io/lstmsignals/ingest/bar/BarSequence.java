package io.lstmsignals.ingest.bar;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordering rules of one symbol's bars: strictly increasing open times, a repeat of the previous
 * bar dropped idempotently, an older or conflicting bar rejected, bars the output already holds
 * skipped, and gaps detected.
 *
 * <p>Two positions are tracked: the previous bar of the <em>input</em> (ordering is a property of
 * the input), and the end of what is already <em>published</em> (from the output topic at start),
 * so that a replay of the same file publishes nothing twice and a resumed poller starts exactly
 * where the topic ends. Not thread-safe.
 */
public final class BarSequence {
  private final String symbol;
  private OhlcvBar previous;
  private Instant publishedUntil;
  private Instant expectedNext;

  /**
   * @param symbol the symbol whose bars this checks
   * @param publishedUntil close time of the last bar already in the output, or null when it holds
   *     none
   */
  public BarSequence(String symbol, Instant publishedUntil) {
    this.symbol = Objects.requireNonNull(symbol, "symbol");
    this.publishedUntil = publishedUntil;
    this.expectedNext = publishedUntil;
  }

  /**
   * Checks {@code bar}, a bar of this sequence's symbol, and advances past it unless it is
   * rejected.
   */
  public SequenceVerdict check(OhlcvBar bar) {
    if (!bar.symbol().equals(symbol)) {
      throw new IllegalArgumentException(
          "Bar " + bar.label() + " given to the sequence of " + symbol);
    }
    if (previous != null) {
      if (!bar.interval().equals(previous.interval())) {
        return new SequenceVerdict.OutOfOrder(
            "interval "
                + bar.interval()
                + " differs from the "
                + previous.interval()
                + " of the previous "
                + symbol
                + " bar: one symbol is read at one interval");
      }
      int order = bar.openTime().compareTo(previous.openTime());
      if (order == 0) {
        return bar.equals(previous)
            ? new SequenceVerdict.Duplicate()
            : new SequenceVerdict.OutOfOrder(
                "open time "
                    + bar.openTime()
                    + " repeats the previous "
                    + symbol
                    + " bar with other values ("
                    + previous
                    + "): which one is right cannot be decided");
      }
      if (order < 0) {
        return new SequenceVerdict.OutOfOrder(
            "open time "
                + bar.openTime()
                + " is before the previous "
                + symbol
                + " bar's "
                + previous.openTime()
                + ": bars of a symbol must be strictly increasing");
      }
    }
    previous = bar;
    if (publishedUntil != null && !bar.closeTime().isAfter(publishedUntil)) {
      return new SequenceVerdict.AlreadyPublished();
    }
    Optional<Gap> gap = Optional.empty();
    if (expectedNext != null && bar.openTime().isAfter(expectedNext)) {
      gap =
          Optional.of(
              new Gap(
                  symbol,
                  bar.interval(),
                  expectedNext.minus(bar.interval().length()),
                  bar.openTime()));
    }
    expectedNext = bar.closeTime();
    publishedUntil = null;
    return new SequenceVerdict.Next(gap);
  }
}
