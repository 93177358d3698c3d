package io.lstmsignals.signals.book;

import java.util.List;
import java.util.Optional;

/**
 * What one input did to a {@link PaperLedger}: the bars it let the ledger realize (in bar order,
 * possibly none), or why it was rejected (a stale or duplicate input; the ledger is unchanged
 * then).
 */
public record LedgerOutcome(List<Realization> realized, Optional<String> rejection) {

  public LedgerOutcome {
    realized = List.copyOf(realized);
  }

  static LedgerOutcome accepted(List<Realization> realized) {
    return new LedgerOutcome(realized, Optional.empty());
  }

  static LedgerOutcome rejected(String reason) {
    return new LedgerOutcome(List.of(), Optional.of(reason));
  }

  public boolean isRejected() {
    return rejection.isPresent();
  }
}
