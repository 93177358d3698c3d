package io.lstmsignals.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KlineJsonTest {
  private static final String URL = "http://127.0.0.1/api/v3/klines?symbol=BTCUSDT";

  @Test
  void shouldReadBinanceKlinesAndNormaliseTheCloseTime() throws Exception {
    String body =
        "[[1704067200000,\"42283.58\",\"42775.00\",\"42230.08\",\"42330.49\",\"3948.08335\","
            + "1704081599999,\"1.0\",100,\"1.0\",\"1.0\",\"0\"]]";
    List<InputRecord> records =
        KlineJson.parse(body, "BTCUSDT", BarInterval.FOUR_HOURS, "poll:test", URL);
    assertThat(records)
        .singleElement()
        .isInstanceOfSatisfying(
            InputRecord.Parsed.class,
            parsed -> {
              assertThat(parsed.bar().openTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
              assertThat(parsed.bar().closeTime()).isEqualTo(Instant.parse("2024-01-01T04:00:00Z"));
              assertThat(parsed.bar().high()).isEqualTo(42775.0);
              assertThat(parsed.bar().volume()).isEqualTo(3948.08335);
            });
  }

  @Test
  void invalidKlineShouldBecomeARejectionQuotingIt() throws Exception {
    String body =
        "[[1704067200000,\"42283.58\",\"42000\",\"42230.08\",\"42330.49\",\"1\",1704081599999]]";
    List<InputRecord> records =
        KlineJson.parse(body, "BTCUSDT", BarInterval.FOUR_HOURS, "poll:test", URL);
    assertThat(records)
        .singleElement()
        .isInstanceOfSatisfying(
            InputRecord.Unreadable.class,
            bad -> {
              assertThat(bad.reason()).contains("high 42000.0 < low 42230.08");
              assertThat(bad.provenance().text()).startsWith("[1704067200000,");
              assertThat(bad.eventTime()).isEqualTo(Instant.parse("2024-01-01T04:00:00Z"));
            });
  }

  @Test
  void errorObjectInsteadOfArrayMustFailTheFetch() {
    assertThatThrownBy(
            () ->
                KlineJson.parse(
                    "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}",
                    "BTCUSDT",
                    BarInterval.FOUR_HOURS,
                    "poll:test",
                    URL))
        .isInstanceOf(KlineFetchException.class)
        .hasMessageContaining("is not a JSON array of klines")
        .hasMessageContaining("Invalid symbol.");
  }
}
