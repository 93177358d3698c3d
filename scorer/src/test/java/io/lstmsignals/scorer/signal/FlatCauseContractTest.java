package io.lstmsignals.scorer.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.FlatReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlatCauseContractTest {

  @Test
  void everyCauseAndPositionShouldNameASymbolOfTheContract() {
    assertThat(Arrays.stream(FlatCause.values()).map(c -> FlatReason.valueOf(c.name())))
        .hasSize(FlatCause.values().length);
    assertThat(Arrays.stream(Position.values()).map(p -> Decision.valueOf(p.name())))
        .hasSize(Position.values().length);
  }
}
