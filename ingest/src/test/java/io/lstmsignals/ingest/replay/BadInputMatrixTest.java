package io.lstmsignals.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.pipeline.IngestPipeline;
import io.lstmsignals.ingest.pipeline.RecordingSink;
import io.lstmsignals.ingest.pipeline.SymbolTally;
import io.lstmsignals.ingest.pipeline.TimeSource;
import io.lstmsignals.schemas.contract.BarFileException;
import io.lstmsignals.schemas.contract.BarInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each row: a file with a good bar, one bad line, then a good bar. The bad line is reported with
 * the file, the line and the reason, goes to the dead-letter sink with its original text, and both
 * good bars are still published.
 */
class BadInputMatrixTest {
  private static final String GOOD_BEFORE = "2024-01-01T00:00:00Z,100,110,90,105,5";
  private static final String GOOD_AFTER = "2024-01-01T08:00:00Z,105,112,101,108,7";

  @TempDir Path dir;

  static Stream<Arguments> badLines() {
    return Stream.of(
        Arguments.of("malformed line", "this is not a bar", "expected 6 columns"),
        Arguments.of(
            "missing column", "2024-01-01T04:00:00Z,105,111,100,106", "expected 6 columns"),
        Arguments.of("extra column", "2024-01-01T04:00:00Z,105,111,100,106,1,9", "found 7"),
        Arguments.of(
            "non-numeric price",
            "2024-01-01T04:00:00Z,abc,111,100,106,1",
            "open 'abc' is not a number"),
        Arguments.of(
            "unparseable time",
            "yesterday,105,111,100,106,1",
            "open_time_utc 'yesterday' is not an ISO-8601"),
        Arguments.of(
            "NaN", "2024-01-01T04:00:00Z,105,NaN,100,106,1", "high NaN must be a finite price > 0"),
        Arguments.of(
            "Infinity",
            "2024-01-01T04:00:00Z,105,Infinity,100,106,1",
            "high Infinity must be a finite price > 0"),
        Arguments.of(
            "zero price",
            "2024-01-01T04:00:00Z,0,111,100,106,1",
            "open 0.0 must be a finite price > 0"),
        Arguments.of(
            "negative price",
            "2024-01-01T04:00:00Z,105,111,100,-106,1",
            "close -106.0 must be a finite price > 0"),
        Arguments.of(
            "negative volume",
            "2024-01-01T04:00:00Z,105,111,100,106,-1",
            "volume -1.0 must be finite and >= 0"),
        Arguments.of(
            "high < low", "2024-01-01T04:00:00Z,105,99,100,106,1", "high 99.0 < low 100.0"),
        Arguments.of(
            "off-grid timestamp",
            "2024-01-01T05:00:00Z,105,111,100,106,1",
            "open time 2024-01-01T05:00:00Z is not on the 4h UTC grid"),
        Arguments.of(
            "out-of-order",
            "2023-12-31T20:00:00Z,105,111,100,106,1",
            "is before the previous BTCUSDT bar's 2024-01-01T00:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLines")
  void badLineShouldBeDeadLetteredWhileGoodBarsAroundItArePublished(
      String row, String badLine, String reason) throws Exception {
    // Given
    Path file =
        write(
            "BTCUSDT-4h.csv",
            "open_time_utc,open,high,low,close,volume",
            GOOD_BEFORE,
            badLine,
            GOOD_AFTER);
    RecordingSink sink = new RecordingSink();
    // When
    SymbolTally tally = replay(file, sink);
    // Then
    assertThat(sink.published)
        .extracting(OhlcvBar::openTime)
        .containsExactly(
            Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T08:00:00Z"));
    assertThat(sink.rejected)
        .singleElement()
        .satisfies(
            rejection -> {
              assertThat(rejection.describe()).startsWith(file + " line 3: ").contains(reason);
              assertThat(rejection.provenance().text()).isEqualTo(badLine);
              assertThat(rejection.symbol()).isEqualTo("BTCUSDT");
            });
    assertThat(tally.rejected()).isEqualTo(1);
    assertThat(tally.records()).isEqualTo(3);
  }

  @Test
  void duplicateLineShouldBeDroppedWithoutDeadLetter() throws Exception {
    Path file =
        write(
            "BTCUSDT-4h.csv",
            "open_time_utc,open,high,low,close,volume",
            GOOD_BEFORE,
            GOOD_BEFORE,
            GOOD_AFTER);
    RecordingSink sink = new RecordingSink();
    SymbolTally tally = replay(file, sink);
    assertThat(sink.published).hasSize(2);
    assertThat(sink.rejected).isEmpty();
    assertThat(tally.duplicates()).isEqualTo(1);
    assertThat(tally.records()).isEqualTo(3);
  }

  @Test
  void unknownIntervalInFileNameMustFailBeforeAnythingIsRead() throws Exception {
    Path file = write("BTCUSDT-7h.csv", "open_time_utc,open,high,low,close,volume", GOOD_BEFORE);
    assertThatThrownBy(() -> FileReplay.open(List.of(file)))
        .isInstanceOf(BarFileException.class)
        .hasMessageContaining("File " + file)
        .hasMessageContaining("Unknown interval '7h'");
  }

  @Test
  void emptyFileMustFailNamingTheFile() throws Exception {
    Path file = write("BTCUSDT-4h.csv");
    assertThatThrownBy(() -> FileReplay.open(List.of(file)))
        .isInstanceOf(BarFileException.class)
        .hasMessage(
            "File "
                + file
                + " is empty: expected the header open_time_utc,open,high,low,close,volume and bars");
  }

  @Test
  void headerOnlyFileShouldPublishNothingAndRejectNothing() throws Exception {
    Path file = write("BTCUSDT-4h.csv", "open_time_utc,open,high,low,close,volume");
    RecordingSink sink = new RecordingSink();
    replay(file, sink);
    assertThat(sink.published).isEmpty();
    assertThat(sink.rejected).isEmpty();
  }

  @Test
  void wrongHeaderMustFailNamingFileAndLine() throws Exception {
    Path file = write("BTCUSDT-4h.csv", "time,o,h,l,c,v", GOOD_BEFORE);
    assertThatThrownBy(() -> FileReplay.open(List.of(file)))
        .hasMessage(
            "File "
                + file
                + " line 1: header 'time,o,h,l,c,v' must be open_time_utc,open,high,low,close,volume");
  }

  @Test
  void missingFileMustFailNamingTheFileAndNotOpenTheOthers() throws Exception {
    Path good = write("BTCUSDT-4h.csv", "open_time_utc,open,high,low,close,volume", GOOD_BEFORE);
    Path missing = dir.resolve("ETHUSDT-4h.csv");
    assertThatThrownBy(() -> FileReplay.open(List.of(good, missing)))
        .isInstanceOf(BarFileException.class)
        .hasMessageStartingWith("File " + missing + " not found");
  }

  @Test
  void fileNameWithoutSymbolAndIntervalMustFail() throws Exception {
    Path file = write("bars.csv", "open_time_utc,open,high,low,close,volume");
    assertThatThrownBy(() -> FileReplay.open(List.of(file)))
        .hasMessageContaining("name must be SYMBOL-INTERVAL[-suffix].csv");
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  private static SymbolTally replay(Path file, RecordingSink sink) throws InterruptedException {
    IngestPipeline pipeline =
        new IngestPipeline(BarInterval.FOUR_HOURS, sink, symbol -> null, Plausibility.DEFAULT);
    try (FileReplay replay = FileReplay.open(List.of(file))) {
      replay.replayInto(pipeline, new Pacer(0, TimeSource.SYSTEM), null);
    }
    return pipeline.tallies().get("BTCUSDT");
  }
}
