package io.lstmsignals.signals.book;

import java.time.Instant;

/**
 * A decision made on the close of bar b ({@code barOpenTime} = open time of b): hold {@code
 * position} over bar b+1.
 *
 * @param position fraction of equity to hold, 0 (flat) to 1 (fully long); there is no short
 * @param modelVersion the model that decided, or null
 */
public record PositionDecision(long barOpenTime, double position, String modelVersion) {

  public PositionDecision {
    if (!(position >= 0 && position <= 1)) {
      throw new IllegalArgumentException(
          "PositionDecision "
              + Instant.ofEpochMilli(barOpenTime)
              + ": position "
              + position
              + " must be within [0, 1]");
    }
  }
}
