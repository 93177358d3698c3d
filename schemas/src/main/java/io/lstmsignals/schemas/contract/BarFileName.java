package io.lstmsignals.schemas.contract;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The symbol and interval of a bar file, read from its name: {@code
 * SYMBOL-INTERVAL[-anything].csv}, e.g. {@code BTCUSDT-4h.csv} or {@code LTCUSDT-1h-2024.csv} (the
 * files carry neither column).
 */
public record BarFileName(String symbol, BarInterval interval) {

  private static final Pattern NAME =
      Pattern.compile("([A-Z0-9]{2,30})-([0-9]+[a-zA-Z])(?:-[^/]*)?\\.csv");

  /**
   * @throws IllegalArgumentException naming the file and the expected pattern, or the valid
   *     intervals
   */
  public static BarFileName of(Path file) {
    String name = file.getFileName().toString();
    Matcher matcher = NAME.matcher(name);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "File "
              + file
              + ": name must be SYMBOL-INTERVAL[-suffix].csv, e.g."
              + " BTCUSDT-4h.csv, so that the symbol and interval are known");
    }
    try {
      return new BarFileName(matcher.group(1), BarInterval.parse(matcher.group(2)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("File " + file + ": " + e.getMessage(), e);
    }
  }
}
