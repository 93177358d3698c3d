package io.lstmsignals.scorer.stream;

/**
 * Names of the scorer's processors and stores; changelog topic names derive from them, so they
 * never change.
 */
public final class StoreNames {
  /**
   * Per-symbol {@code BarWindow} bytes; changelog {@code
   * <application.id>-score-window-store-changelog}.
   */
  public static final String WINDOW_STORE = "score-window-store";

  private StoreNames() {}
}
