package io.lstmsignals.performance.chart;

import io.lstmsignals.performance.Drawdown;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The equity chart of a strategy beside buy-and-hold: equity (start = 1; log scale past a 10×
 * span), a drawdown panel below, bars held long shaded green and, optionally, bars that are not
 * out-of-sample shaded grey.
 */
public final class EquityChart {

  /** Shading of the bars held long. */
  public static final Color LONG_SHADE = new Color(44, 160, 44, 38);

  /** Shading of the bars that are not out-of-sample. */
  public static final Color IN_SAMPLE_SHADE = new Color(120, 120, 120, 70);

  private EquityChart() {}

  /**
   * @param times each bar's close time, epoch ms, strictly increasing
   * @param strategy the strategy's equity after each bar (start = 1)
   * @param hold buy-and-hold's equity after each bar
   * @param positions the position held over each bar
   * @param inSample which bars to shade as not out-of-sample (null: none)
   * @param inSampleLabel the legend's name for them
   */
  public static TimeChart of(
      String title,
      long[] times,
      double[] strategy,
      double[] hold,
      double[] positions,
      boolean[] inSample,
      String inSampleLabel) {
    TimeChart chart =
        new TimeChart(title)
            .with(
                new TimeChart.Panel(
                    "equity (start = 1)",
                    List.of(
                        new TimeChart.Line("strategy", times, strategy),
                        new TimeChart.Line("buy and hold", times, hold)),
                    3))
            .with(
                new TimeChart.Panel(
                    "drawdown",
                    List.of(
                        new TimeChart.Line("strategy", times, drawdowns(strategy)),
                        new TimeChart.Line("buy and hold", times, drawdowns(hold))),
                    1))
            .shaded("held long", LONG_SHADE, spans(times, i -> positions[i] > 0));
    if (inSample != null) {
      chart = chart.shaded(inSampleLabel, IN_SAMPLE_SHADE, spans(times, i -> inSample[i]));
    }
    return chart;
  }

  /** equity / peak − 1 after each point, the starting 1 counting as a peak. */
  public static double[] drawdowns(double[] equity) {
    double[] out = new double[equity.length];
    Drawdown drawdown = Drawdown.start(1.0);
    for (int i = 0; i < equity.length; i++) {
      drawdown = drawdown.after(equity[i]);
      out[i] = drawdown.current();
    }
    return out;
  }

  /**
   * The runs of consecutive bars that match, as time spans: bar i covers (close(i − 1), close(i)];
   * the first bar is taken to be as long as the second.
   */
  static List<TimeChart.Span> spans(long[] times, IntPredicate matches) {
    List<TimeChart.Span> spans = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= times.length; i++) {
      boolean match = i < times.length && matches.test(i);
      if (match && start < 0) {
        start = i;
      } else if (!match && start >= 0) {
        spans.add(new TimeChart.Span(openTime(times, start), times[i - 1]));
        start = -1;
      }
    }
    return spans;
  }

  private static long openTime(long[] times, int i) {
    if (i > 0) {
      return times[i - 1];
    }
    return times.length > 1 ? times[0] - (times[1] - times[0]) : times[0];
  }
}
