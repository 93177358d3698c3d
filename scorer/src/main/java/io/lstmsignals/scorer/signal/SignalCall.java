package io.lstmsignals.scorer.signal;

/**
 * The scorer's call on the close of one bar: the position to hold over the next bar, and why.
 *
 * @param position LONG iff the predicted close is strictly above the reference close
 * @param cause why the call is FLAT; null iff LONG
 * @param detail human-readable detail of the cause; null when LONG
 * @param predictedLogReturn the model's ln(close(b+1) / close(b)); null when the model did not
 *     score
 * @param referenceClose close(b), the last close known at decision time
 * @param predictedClose referenceClose × exp(predictedLogReturn); null when the model did not score
 * @param modelLine the line that served the symbol; null when none does
 * @param modelVersion version of the model that scored, or would have; null when none was in force
 * @param optIn whether the line serves the symbol by an opt-in (not trained on it)
 */
public record SignalCall(
    Position position,
    FlatCause cause,
    String detail,
    Double predictedLogReturn,
    double referenceClose,
    Double predictedClose,
    String modelLine,
    String modelVersion,
    boolean optIn) {

  public SignalCall {
    if (position == null) {
      throw new IllegalArgumentException("SignalCall: position must not be null");
    }
    if ((position == Position.LONG) != (cause == null)) {
      throw new IllegalArgumentException(
          "SignalCall: cause "
              + cause
              + " with position "
              + position
              + ": a cause is required iff FLAT");
    }
    if ((predictedLogReturn == null) != (predictedClose == null)) {
      throw new IllegalArgumentException(
          "SignalCall: predictedLogReturn "
              + predictedLogReturn
              + " and predictedClose "
              + predictedClose
              + " must both be set or both be null");
    }
    if (position == Position.LONG
        && (predictedClose == null || !(predictedClose > referenceClose))) {
      throw new IllegalArgumentException(
          "SignalCall: LONG with predicted close "
              + predictedClose
              + " not strictly above reference close "
              + referenceClose);
    }
  }

  /** Whether the model produced a prediction for this call. */
  public boolean scored() {
    return predictedLogReturn != null;
  }
}
