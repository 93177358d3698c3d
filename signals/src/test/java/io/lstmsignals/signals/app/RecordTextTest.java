package io.lstmsignals.signals.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.signals.stream.SyntheticMarket;
import org.junit.jupiter.api.Test;

class RecordTextTest {

  private final Signal flat =
      SyntheticMarket.of("BTCUSDT", 3, 1).signals().stream()
          .filter(s -> s.getReason() != null)
          .findFirst()
          .orElseThrow();

  @Test
  void shouldPrintAReadableLineWithIsoTimesAndWithoutNulls() {
    String line = RecordText.line("BTCUSDT", flat);

    assertThat(line)
        .startsWith("Signal key=BTCUSDT symbol=BTCUSDT interval=4h barOpenTime=2024-09-25T")
        .contains("decision=FLAT")
        .contains("reason=PREDICTED_NOT_UP")
        .doesNotContain("reasonDetail");
  }

  @Test
  void shouldPrintOneJsonObjectWithEveryField() throws Exception {
    JsonNode json = new ObjectMapper().readTree(RecordText.json("BTCUSDT", flat));

    assertThat(json.get("type").asText()).isEqualTo("Signal");
    assertThat(json.get("decision").asText()).isEqualTo("FLAT");
    assertThat(json.get("barOpenTime").asText()).endsWith("Z");
    assertThat(json.get("reasonDetail").isNull()).isTrue();
    assertThat(json.get("referenceClose").isNumber()).isTrue();
  }
}
