package io.lstmsignals.schemas;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SchemasArchitectureTest {
  private static final JavaClasses SCHEMAS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.lstmsignals.schemas");

  @Test
  void performanceMetricsMustStayPure() {
    noClasses()
        .that()
        .resideInAPackage("io.lstmsignals.schemas.performance..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "org.apache.avro..",
            "io.lstmsignals.schemas.avro..",
            "io.lstmsignals.schemas.serde..",
            "io.lstmsignals.schemas.registry..")
        .because(
            "the trainer's and the P&L's pure cores compute the study's metrics with it; metrics take plain"
                + " arrays, and the stages convert their records before calling it")
        .check(SCHEMAS);
  }

  @Test
  void onlyTheSerdeAndStreamsPackagesMayUseKafkaStreams() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.lstmsignals.schemas.registry..",
            "io.lstmsignals.schemas.topic..",
            "io.lstmsignals.schemas.deadletter..",
            "io.lstmsignals.schemas.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka.streams..")
        .because(
            "only serde (Serde for topologies) and streams (the app lifecycle) are for Kafka Streams apps;"
                + " ingest and the trainer use the rest without it")
        .check(SCHEMAS);
  }
}
