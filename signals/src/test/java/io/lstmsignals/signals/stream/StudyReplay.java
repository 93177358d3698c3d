package io.lstmsignals.signals.stream;

import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The reference study's test slice of {@code data/BTCUSDT-4h-2024.csv} as topic records: the 402
 * bars from the last training/validation bar (the reference of the first test row) to the end, and
 * one signal per decision bar (401), LONG where the given rule says so.
 */
final class StudyReplay {

  static final String SYMBOL = "BTCUSDT";
  static final int TEST_ROWS = 401;
  static final Instant FIRST_TEST_BAR = Instant.parse("2024-09-25T04:00:00Z");

  private final List<Bar> allBars;

  private StudyReplay(List<Bar> allBars) {
    this.allBars = allBars;
  }

  static StudyReplay load() {
    Path file = dataFile("BTCUSDT-4h-2024.csv");
    try {
      List<String> lines = Files.readAllLines(file);
      List<Bar> bars = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        Instant open = Instant.parse(f[0]);
        bars.add(
            Bar.newBuilder()
                .setSymbol(SYMBOL)
                .setInterval("4h")
                .setOpenTime(open)
                .setCloseTime(open.plusMillis(SyntheticMarket.H4))
                .setOpen(Double.parseDouble(f[1]))
                .setHigh(Double.parseDouble(f[2]))
                .setLow(Double.parseDouble(f[3]))
                .setClose(Double.parseDouble(f[4]))
                .setVolume(Double.parseDouble(f[5]))
                .setSource("replay:" + file.getFileName())
                .build());
      }
      if (bars.size() != 2010) {
        throw new IllegalStateException(
            file + ": expected the study's 2,010 bars, found " + bars.size());
      }
      return new StudyReplay(bars);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code data/<name>} looked up from the working directory upwards (the repository's shipped
   * data).
   */
  static Path dataFile(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "data/" + name + " not found above " + Path.of("").toAbsolutePath());
  }

  /** Index of the first test bar (row t = bar t). */
  int firstTestBar() {
    int index = allBars.size() - TEST_ROWS;
    if (!allBars.get(index).getOpenTime().equals(FIRST_TEST_BAR)) {
      throw new IllegalStateException(
          "test slice starts at "
              + allBars.get(index).getOpenTime()
              + ", expected "
              + FIRST_TEST_BAR);
    }
    return index;
  }

  /** The 402 bars b = firstTestBar − 1 … end. */
  List<Bar> bars() {
    return allBars.subList(firstTestBar() - 1, allBars.size());
  }

  /**
   * One signal per decision bar b = firstTestBar − 1 … end − 1.
   *
   * @param longOnRow whether test row i (0-based; decided on bar firstTestBar − 1 + i) is long
   */
  List<Signal> signals(IntPredicate longOnRow) {
    List<Signal> signals = new ArrayList<>();
    int first = firstTestBar();
    for (int i = 0; i < TEST_ROWS; i++) {
      Bar decided = allBars.get(first - 1 + i);
      signals.add(
          SyntheticMarket.signal(
              SYMBOL, decided.getOpenTime(), decided.getClose(), longOnRow.test(i)));
    }
    return signals;
  }

  /**
   * The study's offline long/flat series over the test rows: return_t = position_t · (close_t /
   * close_{t−1} − 1).
   */
  ReturnSeries offline(IntPredicate longOnRow) {
    int first = firstTestBar();
    long[] times = new long[TEST_ROWS];
    double[] positions = new double[TEST_ROWS];
    double[] market = new double[TEST_ROWS];
    for (int i = 0; i < TEST_ROWS; i++) {
      Bar bar = allBars.get(first + i);
      times[i] = bar.getCloseTime().toEpochMilli();
      positions[i] = longOnRow.test(i) ? 1 : 0;
      market[i] = bar.getClose() / allBars.get(first + i - 1).getClose() - 1;
    }
    return ReturnSeries.longFlat(times, positions, market);
  }
}
