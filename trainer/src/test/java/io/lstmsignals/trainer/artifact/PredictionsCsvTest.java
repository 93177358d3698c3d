package io.lstmsignals.trainer.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.trainer.eval.ForecastRow;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PredictionsCsvTest {

  @Test
  void writesOneLinePerRowWithTheFloatOutputAndTheStudysDecision() throws IOException {
    Instant reference = Instant.parse("2024-09-25T00:00:00Z");
    float output = 3.2698363E-4f;
    ForecastRow up =
        ForecastRow.of(reference, reference.plusSeconds(14400), 64460.0, 63843.33, output);
    ForecastRow down =
        ForecastRow.of(
            reference.plusSeconds(14400),
            reference.plusSeconds(28800),
            63843.33,
            63838.01,
            -1.0e-4f);
    StringWriter out = new StringWriter();

    PredictionsCsv.write(List.of(up, down), out);

    assertThat(out.toString().lines())
        .containsExactly(
            PredictionsCsv.HEADER,
            "2024-09-25T00:00:00Z,64460.0,3.2698363E-4,64481.080811,LONG,2024-09-25T04:00:00Z,63843.33",
            "2024-09-25T04:00:00Z,63843.33,-1.0E-4,"
                + String.format(Locale.ROOT, "%.6f", 63843.33 * Math.exp(-1.0e-4f))
                + ",FLAT,2024-09-25T08:00:00Z,63838.01");
  }
}
