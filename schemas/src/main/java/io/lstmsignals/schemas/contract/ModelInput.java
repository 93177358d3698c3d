package io.lstmsignals.schemas.contract;

/**
 * What a model artifact reads and returns, the layout trainer and scorer both build on: input
 * {@value #INPUT_NAME}, float32 {@code [N, W + 1, 5]}, the raw bars of W + 1 consecutive bars
 * oldest first, each as {@value #LAYOUT}; output {@value #OUTPUT_NAME}, float32 {@code [N, 1]}, the
 * predicted ln(close(next bar) / close(newest bar)). Features and scaling live inside the graph, so
 * a consumer only packs bars. W + 1 bars, because each of the W feature rows needs its bar's
 * predecessor for the return.
 */
public final class ModelInput {

  /** Name of the model's input tensor. */
  public static final String INPUT_NAME = "bars";

  /** Name of the model's output tensor. */
  public static final String OUTPUT_NAME = "log_return";

  /** Values per bar in the input. */
  public static final int FIELDS = 5;

  public static final int OPEN = 0;
  public static final int HIGH = 1;
  public static final int LOW = 2;
  public static final int CLOSE = 3;
  public static final int VOLUME = 4;

  /** The values of one bar, in input order. */
  public static final String LAYOUT = "open,high,low,close,volume";

  private ModelInput() {}

  /** W + 1: the raw bars a window of {@code windowBars} feature rows is computed from. */
  public static int barsNeeded(int windowBars) {
    return windowBars + 1;
  }

  /** Floats of one window's input: (W + 1) × {@value #FIELDS}. */
  public static int floatsPerWindow(int windowBars) {
    return barsNeeded(windowBars) * FIELDS;
  }

  /** The input shape for {@code batch} windows. */
  public static long[] shape(int batch, int windowBars) {
    return new long[] {batch, barsNeeded(windowBars), FIELDS};
  }

  /** Writes one bar's values at bar position {@code bar} (0 = oldest) of {@code target}. */
  public static void put(
      float[] target, int bar, double open, double high, double low, double close, double volume) {
    int base = bar * FIELDS;
    target[base + OPEN] = (float) open;
    target[base + HIGH] = (float) high;
    target[base + LOW] = (float) low;
    target[base + CLOSE] = (float) close;
    target[base + VOLUME] = (float) volume;
  }

  /** The input description the model card carries. */
  public static String describe(int windowBars) {
    return "float32 [N, "
        + barsNeeded(windowBars)
        + ", "
        + FIELDS
        + "]: "
        + LAYOUT
        + " of consecutive bars, oldest first";
  }
}
