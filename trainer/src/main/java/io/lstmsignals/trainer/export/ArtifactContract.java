package io.lstmsignals.trainer.export;

/**
 * The names and layout every self-contained model artifact has; {@code trainer/README.md} documents
 * them for consumers (the scorer). Changing any of them is a breaking change: bump {@link
 * #FORMAT_VERSION}.
 */
public final class ArtifactContract {

  /** Version of this contract, in metadata key {@code lstm.format_version}. */
  public static final String FORMAT_VERSION = "1";

  public static final long IR_VERSION = 8;
  public static final long OPSET = 17;

  /**
   * float32 [N, W + 1, 5]: open, high, low, close, volume of W + 1 consecutive bars, oldest first.
   */
  public static final String INPUT = "bars";

  /**
   * float32 [N, 1]: the predicted log-return ln(close_next / close_last) of the bar after the
   * window.
   */
  public static final String OUTPUT = "log_return";

  public static final int BAR_FIELDS = 5;
  public static final String BAR_LAYOUT = "open,high,low,close,volume";

  /** Prefix of every metadata key this project writes. */
  public static final String KEY_PREFIX = "lstm.";

  public static final String MODEL_FILE = "model.onnx";
  public static final String CARD_FILE = "model.json";
  public static final String SHA256_FILE = "model.sha256";
  public static final String PREDICTIONS_FILE = "predictions.csv";
  public static final String REPORT_FILE = "report.md";

  private ArtifactContract() {}
}
