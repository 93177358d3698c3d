package io.lstmsignals.trainer.data;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A per-bar model input computed from raw bars. Feature row {@code k} describes bar {@code k} and
 * needs bar {@code k - 1} too (for the return), so a window of W rows needs W + 1 raw bars. The
 * exported ONNX graph computes the same expressions from the same raw bars.
 */
public enum Feature {
  /** ln(close_k / close_(k-1)); also the model's target, one bar ahead. */
  LOG_RETURN("log_return"),
  /** ln(1 + volume_k). */
  LOG1P_VOLUME("log1p_volume"),
  /** high_k − low_k, in the quote asset. */
  HIGH_MINUS_LOW("high_minus_low"),
  /** close_k − open_k, in the quote asset. */
  CLOSE_MINUS_OPEN("close_minus_open");

  /** The study's four inputs, in its column order. */
  public static final List<Feature> STUDY =
      List.of(LOG_RETURN, LOG1P_VOLUME, HIGH_MINUS_LOW, CLOSE_MINUS_OPEN);

  private final String id;

  Feature(String id) {
    this.id = id;
  }

  /** The stable name used in model cards and scaler specs. */
  public String id() {
    return id;
  }

  /** The feature of bar {@code current}, whose predecessor is {@code previous}. */
  public double valueOf(OhlcvBar previous, OhlcvBar current) {
    return switch (this) {
      case LOG_RETURN -> Math.log(current.close() / previous.close());
      case LOG1P_VOLUME -> Math.log1p(current.volume());
      case HIGH_MINUS_LOW -> current.high() - current.low();
      case CLOSE_MINUS_OPEN -> current.close() - current.open();
    };
  }

  /**
   * The feature with this id.
   *
   * @throws IllegalArgumentException naming the known ids
   */
  public static Feature byId(String id) {
    return Arrays.stream(values())
        .filter(feature -> feature.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown feature '"
                        + id
                        + "': known features are "
                        + Arrays.stream(values())
                            .map(Feature::id)
                            .collect(Collectors.joining(", "))));
  }
}
