package io.lstmsignals.signals.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.service.config.ConfigDocs;
import org.junit.jupiter.api.Test;

class SignalsConfigDocsTest {

  @Test
  void readmeTableAndSampleFileShouldMatchTheDeclarations() {
    assertThat(ConfigDocs.check(SignalsConfig.SPEC, "signals/README.md")).isEmpty();
  }
}
