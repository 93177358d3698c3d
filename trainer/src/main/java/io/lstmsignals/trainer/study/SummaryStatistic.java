package io.lstmsignals.trainer.study;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Mean and sample standard deviation (ddof 1) of a metric over the runs where it is defined.
 *
 * @param defined runs where the metric had a value
 * @param runs all runs
 */
public record SummaryStatistic(OptionalDouble mean, OptionalDouble std, int defined, int runs) {

  public static SummaryStatistic of(OptionalDouble[] values) {
    double sum = 0;
    int defined = 0;
    for (OptionalDouble value : values) {
      if (value.isPresent()) {
        sum += value.getAsDouble();
        defined++;
      }
    }
    if (defined == 0) {
      return new SummaryStatistic(OptionalDouble.empty(), OptionalDouble.empty(), 0, values.length);
    }
    double mean = sum / defined;
    double squares = 0;
    for (OptionalDouble value : values) {
      if (value.isPresent()) {
        squares += (value.getAsDouble() - mean) * (value.getAsDouble() - mean);
      }
    }
    OptionalDouble std =
        defined < 2
            ? OptionalDouble.empty()
            : OptionalDouble.of(Math.sqrt(squares / (defined - 1)));
    return new SummaryStatistic(OptionalDouble.of(mean), std, defined, values.length);
  }

  /**
   * "mean ± std" with the given decimals, "undefined" when no run had a value, and a note when some
   * had none.
   */
  public String format(int decimals) {
    if (mean.isEmpty()) {
      return "undefined";
    }
    String pattern = "%." + decimals + "f";
    String text = String.format(Locale.ROOT, pattern, mean.getAsDouble());
    if (std.isPresent()) {
      text += " ± " + String.format(Locale.ROOT, pattern, std.getAsDouble());
    }
    if (defined < runs) {
      text += " (undefined in " + (runs - defined) + "/" + runs + ")";
    }
    return text;
  }
}
