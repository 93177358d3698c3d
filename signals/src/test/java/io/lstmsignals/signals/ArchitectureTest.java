package io.lstmsignals.signals;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.lstmsignals.signals");

  @Test
  void coreMustNotDependOnKafkaOrAvro() {
    noClasses()
        .that()
        .resideInAnyPackage("io.lstmsignals.signals.book..", "io.lstmsignals.signals.report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "io.lstmsignals.service..",
            "org.apache.avro..",
            "io.lstmsignals.schemas.avro..",
            "io.lstmsignals.schemas.serde..",
            "io.lstmsignals.signals.stream..",
            "io.lstmsignals.signals.app..")
        .because(
            "the ledger and the report are pure so they can be tested without a broker; translate Avro "
                + "records in io.lstmsignals.signals.stream (LedgerRecords) and keep I/O in the app package")
        .check(CLASSES);
  }

  @Test
  void streamShellMustNotDependOnTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("io.lstmsignals.signals.stream..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.lstmsignals.signals.app..")
        .because(
            "the topology is built from SignalsConfig alone; the command line only loads it and starts it")
        .check(CLASSES);
  }

  @Test
  void packagesMustBeFreeOfCycles() {
    slices().matching("io.lstmsignals.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
