package io.lstmsignals.trainer.data;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bar intervals in exchange notation ({@code 15m}, {@code 1h}, {@code 4h}, {@code 1d}), as in the
 * Bar contract.
 */
public final class IntervalNotation {

  private static final Pattern NOTATION = Pattern.compile("([1-9][0-9]*)([mhd])");

  private IntervalNotation() {}

  /**
   * Parses an interval.
   *
   * @throws IllegalArgumentException if the text is not a positive count followed by m, h or d
   */
  public static Duration parse(String text) {
    Matcher matcher = NOTATION.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "Invalid interval '" + text + "': expected a count and a unit m, h or d," + " e.g. 4h");
    }
    long count = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "m" -> Duration.ofMinutes(count);
      case "h" -> Duration.ofHours(count);
      default -> Duration.ofDays(count);
    };
  }

  /** The notation of an interval: the largest unit that divides it. */
  public static String format(Duration interval) {
    if (interval.toDays() > 0 && interval.equals(Duration.ofDays(interval.toDays()))) {
      return interval.toDays() + "d";
    }
    if (interval.toHours() > 0 && interval.equals(Duration.ofHours(interval.toHours()))) {
      return interval.toHours() + "h";
    }
    return interval.toMinutes() + "m";
  }
}
