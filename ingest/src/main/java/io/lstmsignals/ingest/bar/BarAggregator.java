package io.lstmsignals.ingest.bar;

import io.lstmsignals.schemas.contract.BarInterval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds bars of a coarser interval (4h) from one symbol's finer bars (1h, or any divisor) on the
 * UTC grid: open = first open, high = max, low = min, close = last close, volume = sum. A slot is
 * emitted when its last finer bar arrives and all of them were there; a slot left with bars missing
 * is reported as {@link SlotResult.Incomplete}.
 *
 * <p>Volumes are summed in decimal: the exchange prints them in decimal, and a double sum would
 * differ from its own 4h figure in the last bit. Expects bars in strictly increasing order (as
 * {@link BarSequence} lets through). Not thread-safe.
 */
public final class BarAggregator {
  private final BarInterval target;
  private final List<OhlcvBar> parts = new ArrayList<>();
  private Instant slotOpen;
  private int expected;

  public BarAggregator(BarInterval target) {
    this.target = target;
  }

  /**
   * Adds the next finer bar; returns the incomplete slot it closes, if any, then the slot it
   * completes, if any.
   */
  public List<SlotResult> add(OhlcvBar bar) {
    if (!bar.interval().divides(target)) {
      throw new IllegalArgumentException(
          "Bar "
              + bar.label()
              + ": interval "
              + bar.interval()
              + " does not divide "
              + target
              + " into whole bars");
    }
    List<SlotResult> results = new ArrayList<>(2);
    Instant slot = target.slotOf(bar.openTime());
    if (slotOpen != null && !slot.equals(slotOpen)) {
      finish().ifPresent(results::add);
    }
    if (slotOpen == null) {
      slotOpen = slot;
      expected = (int) (target.millis() / bar.interval().millis());
    }
    parts.add(bar);
    if (bar.closeTime().equals(slotOpen.plus(target.length()))) {
      if (parts.size() == expected) {
        results.add(new SlotResult.Complete(combine()));
        reset();
      } else {
        finish().ifPresent(results::add);
      }
    }
    return results;
  }

  /**
   * Ends the pending slot, reporting it as incomplete when it holds any bar (the input ended inside
   * it).
   */
  public Optional<SlotResult> finish() {
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    SlotResult result =
        new SlotResult.Incomplete(parts.getFirst().symbol(), target, slotOpen, expected, parts);
    reset();
    return Optional.of(result);
  }

  private OhlcvBar combine() {
    OhlcvBar first = parts.getFirst();
    double high = first.high();
    double low = first.low();
    BigDecimal volume = BigDecimal.ZERO;
    for (OhlcvBar part : parts) {
      high = Math.max(high, part.high());
      low = Math.min(low, part.low());
      volume = volume.add(BigDecimal.valueOf(part.volume()));
    }
    return OhlcvBar.of(
        first.symbol(),
        target,
        slotOpen,
        first.open(),
        high,
        low,
        parts.getLast().close(),
        volume.doubleValue());
  }

  private void reset() {
    parts.clear();
    slotOpen = null;
  }
}
