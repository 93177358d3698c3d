package io.lstmsignals.ingest.bar;

import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import java.util.List;

/** What {@link BarAggregator} produced from finer bars. */
public sealed interface SlotResult {

  /** A whole slot: every finer bar of it was present. */
  record Complete(OhlcvBar bar) implements SlotResult {}

  /**
   * A slot that ended (a later slot began, or the input ended) with bars missing: never emitted as
   * if whole.
   *
   * @param parts the finer bars that were present, in order
   */
  record Incomplete(
      String symbol, BarInterval target, Instant slotOpen, int expected, List<OhlcvBar> parts)
      implements SlotResult {
    public Incomplete {
      parts = List.copyOf(parts);
    }

    /** "4h slot LTCUSDT@2024-03-01T04:00:00Z has 3 of 4 1h bars (...): not emitted". */
    public String reason() {
      return target
          + " slot "
          + symbol
          + "@"
          + slotOpen
          + " has "
          + parts.size()
          + " of "
          + expected
          + " "
          + parts.getFirst().interval()
          + " bars ("
          + parts.stream().map(p -> p.openTime().toString()).toList()
          + "): not emitted as a whole "
          + target
          + " bar";
    }
  }
}
