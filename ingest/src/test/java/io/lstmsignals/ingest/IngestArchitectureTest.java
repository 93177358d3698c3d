package io.lstmsignals.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class IngestArchitectureTest {
  private static final JavaClasses INGEST =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.lstmsignals.ingest");

  @Test
  void pureCoreMustNotDependOnKafkaAvroOrOnnx() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.lstmsignals.ingest.bar..",
            "io.lstmsignals.ingest.pipeline..",
            "io.lstmsignals.ingest.source..",
            "io.lstmsignals.ingest.replay..",
            "io.lstmsignals.ingest.poll..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "io.lstmsignals.service..",
            "org.apache.avro..",
            "io.lstmsignals.schemas.avro..",
            "io.lstmsignals.schemas.serde..",
            "ai.onnxruntime..")
        .because(
            "validation, aggregation, replay and polling are tested without a broker; Kafka and the Avro"
                + " contracts belong in io.lstmsignals.ingest.publish (the shell) — convert there with BarRecords")
        .check(INGEST);
  }

  @Test
  void coreMustNotReachIntoTheShellOrTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.lstmsignals.ingest.publish..", "io.lstmsignals.ingest.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.lstmsignals.ingest.publish..", "io.lstmsignals.ingest.app..")
        .because(
            "the core hands bars to a BarSink; the Kafka sink and the wiring depend on the core, not back")
        .check(INGEST);
  }

  @Test
  void packagesMustBeFreeOfCycles() {
    slices().matching("io.lstmsignals.(**)").should().beFreeOfCycles().check(INGEST);
  }
}
