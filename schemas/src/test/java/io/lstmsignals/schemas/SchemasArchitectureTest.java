package io.lstmsignals.schemas;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
  void contractsMustStayPure() {
    classes()
        .that()
        .resideInAPackage("io.lstmsignals.schemas.contract..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.lstmsignals.schemas.contract..", "java..")
        .because(
            "both sides of each contract (pure cores included) use it: files, numbers and rules"
                + " only, no Kafka, no Avro")
        .check(SCHEMAS);
  }

  @Test
  void onlyTheSerdePackageMayUseKafkaStreams() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.lstmsignals.schemas.registry..",
            "io.lstmsignals.schemas.topic..",
            "io.lstmsignals.schemas.deadletter..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka.streams..")
        .because(
            "only serde (Serde for topologies) is for Kafka Streams apps; ingest and the trainer use"
                + " the rest without it")
        .check(SCHEMAS);
  }

  @Test
  void packagesMustBeFreeOfCycles() {
    slices().matching("io.lstmsignals.(**)").should().beFreeOfCycles().check(SCHEMAS);
  }
}
