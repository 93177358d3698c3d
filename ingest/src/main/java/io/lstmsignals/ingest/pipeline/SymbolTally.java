package io.lstmsignals.ingest.pipeline;

import io.lstmsignals.ingest.bar.Gap;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts for one symbol over a run. Every input record lands in exactly one of read-side counters:
 * {@code published} (or, when aggregating, {@code aggregated}), {@code rejected}, {@code
 * duplicates} or {@code alreadyPublished}; a bar held back as implausible counts in {@code
 * implausible} instead of {@code published}.
 */
public final class SymbolTally {
  private final String symbol;
  private long records;
  private long published;
  private long aggregated;
  private long rejected;
  private long duplicates;
  private long alreadyPublished;
  private long incompleteSlots;
  private long implausible;
  private final List<Gap> gaps = new ArrayList<>();

  SymbolTally(String symbol) {
    this.symbol = symbol;
  }

  void countRecord() {
    records++;
  }

  void countPublished() {
    published++;
  }

  void countAggregated() {
    aggregated++;
  }

  void countRejected() {
    rejected++;
  }

  void countDuplicate() {
    duplicates++;
  }

  void countAlreadyPublished() {
    alreadyPublished++;
  }

  void countIncompleteSlot() {
    incompleteSlots++;
  }

  void countImplausible() {
    implausible++;
  }

  void countGap(Gap gap) {
    gaps.add(gap);
  }

  public String symbol() {
    return symbol;
  }

  /** Input records seen for this symbol (file rows, klines). */
  public long records() {
    return records;
  }

  /** Bars handed to the sink (output interval). */
  public long published() {
    return published;
  }

  /** Finer input bars that went into an aggregation slot. */
  public long aggregated() {
    return aggregated;
  }

  public long rejected() {
    return rejected;
  }

  public long duplicates() {
    return duplicates;
  }

  public long alreadyPublished() {
    return alreadyPublished;
  }

  public long incompleteSlots() {
    return incompleteSlots;
  }

  /** Valid bars held back (dead-lettered) because they broke a plausibility limit. */
  public long implausible() {
    return implausible;
  }

  public List<Gap> gaps() {
    return List.copyOf(gaps);
  }

  /** Bars missing across all gaps. */
  public long missingBars() {
    return gaps.stream().mapToLong(Gap::missingBars).sum();
  }

  /**
   * One summary line: "BTCUSDT published=18370 rejected=0 duplicates=0 already-in-topic=0 gaps=8
   * (16 bars)".
   */
  public String summaryLine() {
    return symbol
        + " records="
        + records
        + " published="
        + published
        + (aggregated > 0 ? " aggregated-from=" + aggregated : "")
        + " rejected="
        + rejected
        + " duplicates="
        + duplicates
        + " already-in-topic="
        + alreadyPublished
        + " gaps="
        + gaps.size()
        + " ("
        + missingBars()
        + " bars missing)"
        + (incompleteSlots > 0 ? " incomplete-slots=" + incompleteSlots : "")
        + (implausible > 0 ? " implausible=" + implausible : "");
  }
}
