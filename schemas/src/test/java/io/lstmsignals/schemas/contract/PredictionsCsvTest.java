package io.lstmsignals.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PredictionsCsvTest {

  @Test
  void shouldWriteTheFloatOutputAndTheStudysDecisionAndReadThemBack() {
    Instant reference = Instant.parse("2024-09-25T00:00:00Z");
    PredictionsCsv.Row up = row(reference, 64460.0, 3.2698363E-4f, 63843.33);
    PredictionsCsv.Row down = row(reference.plusSeconds(14400), 63843.33, -1.0e-4f, 63838.01);

    assertThat(up.line())
        .isEqualTo(
            "2024-09-25T00:00:00Z,64460.0,3.2698363E-4,64481.080811,LONG,2024-09-25T04:00:00Z,63843.33");
    assertThat(down.line())
        .isEqualTo(
            "2024-09-25T04:00:00Z,63843.33,-1.0E-4,"
                + String.format(Locale.ROOT, "%.6f", 63843.33 * Math.exp(-1.0e-4f))
                + ",FLAT,2024-09-25T08:00:00Z,63838.01");
    assertThat(PredictionsCsv.parse(up.line()).predictedLogReturn()).isEqualTo(3.2698363E-4f);
    assertThat(PredictionsCsv.parse(down.line()).isLong()).isFalse();
  }

  private static PredictionsCsv.Row row(
      Instant reference, double referenceClose, float output, double actualClose) {
    double predicted = DecisionRule.predictedClose(referenceClose, output);
    return new PredictionsCsv.Row(
        reference,
        referenceClose,
        output,
        predicted,
        DecisionRule.isLong(referenceClose, predicted),
        reference.plusSeconds(14400),
        actualClose);
  }
}
