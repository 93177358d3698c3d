package io.lstmsignals.scorer.window;

/** What {@link BarWindow#offer} did with a bar. */
public enum Admission {
  /**
   * The bar opened exactly one interval after the newest bar (or the window was empty): appended.
   */
  APPENDED,
  /**
   * The bar opened later than one interval after the newest bar: the window restarted with this bar
   * alone.
   */
  RESTARTED_AFTER_GAP,
  /** The bar opened at the same time as the newest bar: ignored, the window is unchanged. */
  DUPLICATE,
  /** The bar opened before the newest bar: rejected, the window is unchanged. */
  OUT_OF_ORDER;

  /** Whether the bar became the window's newest bar (a decision is due on it). */
  public boolean accepted() {
    return this == APPENDED || this == RESTARTED_AFTER_GAP;
  }
}
