package io.lstmsignals.scorer.signal;

/** The position to hold over the next bar. There is no short. */
public enum Position {
  FLAT,
  LONG
}
