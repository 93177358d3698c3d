package io.lstmsignals.signals.book;

/**
 * Price at which a position change is filled.
 *
 * <ul>
 *   <li>{@link #REFERENCE_CLOSE}: at close(b), the close of the bar the signal was made on; the
 *       study's convention.
 *   <li>{@link #NEXT_OPEN}: at open(b+1); until then the previous position is held.
 * </ul>
 */
public enum FillConvention {
  REFERENCE_CLOSE,
  NEXT_OPEN
}
