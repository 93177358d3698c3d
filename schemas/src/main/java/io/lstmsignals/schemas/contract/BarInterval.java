package io.lstmsignals.schemas.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A bar length in exchange notation ({@code 1h}, {@code 4h}, ...). Every supported length divides a
 * UTC day, so the interval's grid is simply the multiples of its length since the epoch (4h bars
 * open at 00, 04, ..., 20 UTC).
 *
 * @param name exchange notation, e.g. {@code 4h}
 * @param length the bar length
 */
public record BarInterval(String name, Duration length) {

  /** The intervals Binance serves that divide a day; their grids all line up with UTC midnight. */
  public static final List<String> SUPPORTED =
      List.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d");

  public static final BarInterval FOUR_HOURS = parse("4h");

  public BarInterval {
    if (!SUPPORTED.contains(name)) {
      throw unknown(name);
    }
    if (!length.equals(lengthOf(name))) {
      throw new IllegalArgumentException(
          "Interval " + name + " has length " + lengthOf(name) + ", not " + length);
    }
  }

  /**
   * @throws IllegalArgumentException naming the valid intervals when {@code name} is not one of
   *     {@link #SUPPORTED}
   */
  public static BarInterval parse(String name) {
    if (!SUPPORTED.contains(name)) {
      throw unknown(name);
    }
    return new BarInterval(name, lengthOf(name));
  }

  /**
   * The interval of a length, e.g. 4h for PT4H.
   *
   * @throws IllegalArgumentException naming the supported intervals when none has that length
   */
  public static BarInterval of(Duration length) {
    return SUPPORTED.stream()
        .filter(name -> lengthOf(name).equals(length))
        .findFirst()
        .map(BarInterval::parse)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Interval "
                        + length
                        + " has no exchange notation: must be one of "
                        + SUPPORTED));
  }

  private static IllegalArgumentException unknown(String name) {
    return new IllegalArgumentException(
        "Unknown interval '" + name + "': must be one of " + SUPPORTED);
  }

  private static Duration lengthOf(String name) {
    long amount = Long.parseLong(name.substring(0, name.length() - 1));
    return switch (name.charAt(name.length() - 1)) {
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("Unknown interval unit in '" + name + "'");
    };
  }

  public long millis() {
    return length.toMillis();
  }

  /**
   * Whether {@code time} is the open time of a bar of this interval (a multiple of the length since
   * the epoch).
   */
  public boolean isOnGrid(Instant time) {
    return Math.floorMod(time.toEpochMilli(), millis()) == 0;
  }

  /** The open time of the bar of this interval that contains {@code time}. */
  public Instant slotOf(Instant time) {
    long ms = time.toEpochMilli();
    return Instant.ofEpochMilli(ms - Math.floorMod(ms, millis()));
  }

  /**
   * Whether a whole number (at least 2) of bars of this interval make one bar of {@code coarser}.
   */
  public boolean divides(BarInterval coarser) {
    return coarser.millis() > millis() && coarser.millis() % millis() == 0;
  }

  @Override
  public String toString() {
    return name;
  }
}
