package io.lstmsignals.ingest.bar;

import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;

/**
 * Bars missing between two consecutive bars of a symbol, e.g. an exchange outage.
 *
 * @param symbol the symbol
 * @param interval the bars' interval
 * @param lastBefore open time of the last bar before the gap
 * @param firstAfter open time of the first bar after it
 */
public record Gap(String symbol, BarInterval interval, Instant lastBefore, Instant firstAfter) {

  public Gap {
    if (!firstAfter.isAfter(lastBefore.plus(interval.length()))) {
      throw new IllegalArgumentException(
          "Gap of "
              + symbol
              + " "
              + lastBefore
              + " -> "
              + firstAfter
              + " misses no "
              + interval
              + " bar");
    }
  }

  /** How many bars of the interval are missing. */
  public long missingBars() {
    return (firstAfter.toEpochMilli() - lastBefore.toEpochMilli()) / interval.millis() - 1;
  }

  @Override
  public String toString() {
    return symbol
        + " "
        + lastBefore
        + " -> "
        + firstAfter
        + " ("
        + missingBars()
        + " missing "
        + interval
        + " bars)";
  }
}
