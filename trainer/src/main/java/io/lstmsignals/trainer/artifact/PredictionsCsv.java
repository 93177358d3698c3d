package io.lstmsignals.trainer.artifact;

import io.lstmsignals.trainer.eval.ForecastRow;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The artifact's {@code predictions.csv}: one line per test row, in time order, with the header
 * {@value #HEADER}.
 *
 * <ul>
 *   <li>{@code reference_open_time_utc}: ISO-8601 open time of the window's last bar b (the
 *       reference bar); a scorer emits this prediction when bar b has closed;
 *   <li>{@code reference_close}: close of bar b;
 *   <li>{@code predicted_log_return}: the ONNX model's float32 output for the window ending at bar
 *       b, printed as the shortest decimal that reads back to the same float ({@link
 *       Float#toString});
 *   <li>{@code predicted_close}: reference_close · exp(predicted_log_return), in double;
 *   <li>{@code decision}: LONG iff predicted_close &gt; reference_close, else FLAT;
 *   <li>{@code target_open_time_utc}, {@code actual_close}: bar b + 1, the predicted bar, and its
 *       true close.
 * </ul>
 */
public final class PredictionsCsv {

  public static final String HEADER =
      "reference_open_time_utc,reference_close,predicted_log_return,predicted_close,"
          + "decision,target_open_time_utc,actual_close";

  private PredictionsCsv() {}

  public static void write(List<ForecastRow> rows, Writer out) throws IOException {
    out.write(HEADER);
    out.write('\n');
    for (ForecastRow row : rows) {
      out.write(
          String.join(
              ",",
              row.referenceTime().toString(),
              Double.toString(row.referenceClose()),
              Float.toString((float) row.predictedLogReturn()),
              String.format(Locale.ROOT, "%.6f", row.predictedClose()),
              row.isLong() ? "LONG" : "FLAT",
              row.targetTime().toString(),
              Double.toString(row.actualClose())));
      out.write('\n');
    }
  }
}
