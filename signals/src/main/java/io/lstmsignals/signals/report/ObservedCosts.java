package io.lstmsignals.signals.report;

import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The trading costs and fill mode as the fills show them (fee and slippage over notional, in basis
 * points), so the report states what was charged rather than what a configuration file says.
 */
public final class ObservedCosts {

  private long fills;
  private final SortedSet<Double> feeBps = new TreeSet<>();
  private final SortedSet<Double> slippageBps = new TreeSet<>();
  private final SortedSet<String> fillModes = new TreeSet<>();

  /** Adds one fill. */
  public void add(double notional, double fee, double slippage, String fillMode) {
    fills++;
    if (notional > 0) {
      feeBps.add(bps(fee / notional));
      slippageBps.add(bps(slippage / notional));
    }
    fillModes.add(fillMode);
  }

  /** Basis points, rounded to 1e-6 bp so that float noise does not list one rate twice. */
  private static double bps(double fraction) {
    return Math.round(fraction * 1e4 * 1e6) / 1e6;
  }

  public long fills() {
    return fills;
  }

  /** One sentence for the report. */
  public String describe() {
    if (fills == 0) {
      return "Costs: no fills, so no fee, slippage or fill mode can be shown.";
    }
    return String.format(
        Locale.ROOT,
        "Costs, as charged on the %d fills: fee %s bps and slippage %s bps of the notional per"
            + " position change; fill mode %s.",
        fills,
        list(feeBps),
        list(slippageBps),
        String.join(", ", fillModes));
  }

  private static String list(SortedSet<Double> values) {
    return values.stream()
        .map(v -> String.format(Locale.ROOT, "%s", stripZeros(v)))
        .collect(Collectors.joining(" / "));
  }

  private static String stripZeros(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
