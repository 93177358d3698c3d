package io.lstmsignals.scorer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.service.config.ConfigDocs;
import org.junit.jupiter.api.Test;

class ScorerConfigDocsTest {

  @Test
  void readmeTableAndSampleFileShouldMatchTheDeclarations() {
    assertThat(ConfigDocs.check(ScorerConfig.SPEC, "scorer/README.md")).isEmpty();
  }
}
