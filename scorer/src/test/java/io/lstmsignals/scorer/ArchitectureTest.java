package io.lstmsignals.scorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.lstmsignals.scorer",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule pureCoreHasNoKafkaOnnxOrAvro =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.lstmsignals.scorer.window..",
              "io.lstmsignals.scorer.signal..",
              "io.lstmsignals.scorer.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..",
              "io.lstmsignals.service..",
              "ai.onnxruntime..",
              "org.apache.avro..",
              "io.lstmsignals.schemas.avro..",
              "io.micrometer..")
          .because(
              "the window, decision rule and model interface must stay testable without a broker or a runtime;"
                  + " move the code that needs Kafka, ONNX Runtime or Avro into stream, onnx or release");

  @ArchTest
  static final ArchRule pureCoreDoesNotReachIntoTheShell =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.lstmsignals.scorer.window..",
              "io.lstmsignals.scorer.signal..",
              "io.lstmsignals.scorer.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.lstmsignals.scorer.stream..",
              "io.lstmsignals.scorer.onnx..",
              "io.lstmsignals.scorer.release..",
              "io.lstmsignals.scorer.app..",
              "io.lstmsignals.scorer.metrics..",
              "io.lstmsignals.scorer.config..")
          .because(
              "dependencies point from the shell to the core; pass what the core needs in as values");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.lstmsignals.(**)").should().beFreeOfCycles();
}
