package io.lstmsignals.ingest.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.service.config.ConfigDocs;
import org.junit.jupiter.api.Test;

class IngestConfigDocsTest {

  @Test
  void readmeTableAndSampleFileShouldMatchTheDeclarations() {
    assertThat(ConfigDocs.check(IngestConfig.SPEC, "ingest/README.md")).isEmpty();
  }
}
