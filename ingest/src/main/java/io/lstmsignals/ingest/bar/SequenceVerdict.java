package io.lstmsignals.ingest.bar;

import java.util.Optional;

/** What {@link BarSequence#check} decided about one bar. */
public sealed interface SequenceVerdict {

  /**
   * The next bar of the symbol: publish it. {@code gap} is present when bars are missing before it.
   */
  record Next(Optional<Gap> gap) implements SequenceVerdict {}

  /**
   * The same bar as the previous one of the input, value for value: dropped, so a repeated line is
   * harmless.
   */
  record Duplicate() implements SequenceVerdict {}

  /**
   * A bar the output topic already holds (it closes at or before the last published bar): skipped.
   */
  record AlreadyPublished() implements SequenceVerdict {}

  /** A bar that goes back in time or contradicts the previous bar: rejected with the reason. */
  record OutOfOrder(String reason) implements SequenceVerdict {}
}
