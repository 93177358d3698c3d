package io.lstmsignals.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBarSourceTest {

  private static final String HEADER = "open_time_utc,open,high,low,close,volume\n";
  private static final String GOOD_ROW_1 = "2024-01-01T00:00:00Z,100,110,95,105,12.5\n";
  private static final String GOOD_ROW_2 = "2024-01-01T04:00:00Z,105,107,101,102,8\n";

  @TempDir Path dir;

  @Test
  void readsEveryBarOfAWellFormedFile() throws IOException {
    Path file = write("good.csv", HEADER + GOOD_ROW_1 + GOOD_ROW_2);

    BarSeries series = new CsvBarSource(file, Duration.ofHours(4)).read();

    assertThat(series.size()).isEqualTo(2);
    assertThat(series.bar(0))
        .isEqualTo(new OhlcvBar(Instant.parse("2024-01-01T00:00:00Z"), 100, 110, 95, 105, 12.5));
    assertThat(series.source()).isEqualTo("csv:" + file);
  }

  @Test
  void badRowIsReportedWithFileAndLine() throws IOException {
    Path file = write("bad.csv", HEADER + GOOD_ROW_1 + "2024-01-01T04:00:00Z,105,107,101,abc,8\n");

    assertThatThrownBy(() -> new CsvBarSource(file, Duration.ofHours(4)).read())
        .isInstanceOf(BarDataException.class)
        .hasMessage(file + " line 3: close 'abc' is not a number");
  }

  @Test
  void nonFiniteValueIsReportedWithFileAndLine() throws IOException {
    Path file = write("nan.csv", HEADER + "2024-01-01T00:00:00Z,100,110,95,105,NaN\n");

    assertThatThrownBy(() -> new CsvBarSource(file, Duration.ofHours(4)).read())
        .isInstanceOf(BarDataException.class)
        .hasMessage(
            file + " line 2: OhlcvBar 2024-01-01T00:00:00Z: volume NaN must be finite and >= 0");
  }

  @Test
  void inconsistentPricesWrongColumnsAndBadTimesAreReportedWithTheirLine() throws IOException {
    Path inverted = write("inverted.csv", HEADER + "2024-01-01T00:00:00Z,100,90,95,105,1\n");
    Path columns = write("columns.csv", HEADER + GOOD_ROW_1 + "2024-01-01T04:00:00Z,105,107,101\n");
    Path time = write("time.csv", HEADER + "yesterday,100,110,95,105,1\n");
    Path header = write("header.csv", "time,o,h,l,c,v\n" + GOOD_ROW_1);

    assertThatThrownBy(() -> new CsvBarSource(inverted, Duration.ofHours(4)).read())
        .hasMessageStartingWith(
            inverted + " line 2: OhlcvBar 2024-01-01T00:00:00Z: high 90.0 < low 95.0");
    assertThatThrownBy(() -> new CsvBarSource(columns, Duration.ofHours(4)).read())
        .hasMessageStartingWith(columns + " line 3: expected 6 columns");
    assertThatThrownBy(() -> new CsvBarSource(time, Duration.ofHours(4)).read())
        .hasMessageStartingWith(
            time + " line 2: open_time_utc 'yesterday' is not an ISO-8601 UTC time");
    assertThatThrownBy(() -> new CsvBarSource(header, Duration.ofHours(4)).read())
        .hasMessageStartingWith("File " + header + " line 1: header 'time,o,h,l,c,v' must be");
  }

  @Test
  void barsOutOfOrderAreRejected() throws IOException {
    Path file = write("order.csv", HEADER + GOOD_ROW_2 + GOOD_ROW_1);

    assertThatThrownBy(() -> new CsvBarSource(file, Duration.ofHours(4)).read())
        .isInstanceOf(BarDataException.class)
        .hasMessageContaining(
            "bar 1 opens at 2024-01-01T00:00:00Z, not after bar 0 at 2024-01-01T04:00:00Z");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
