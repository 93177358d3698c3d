package io.lstmsignals.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The trainer's pure core stays free of Kafka, ONNX Runtime and Avro-generated types. */
@AnalyzeClasses(
    packages = "io.lstmsignals.trainer",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreHasNoKafkaOnnxRuntimeOrAvro =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..trainer.data..",
              "..trainer.nn..",
              "..trainer.train..",
              "..trainer.eval..",
              "..trainer.study..",
              "..trainer.export..",
              "..trainer.report..",
              "..trainer.retrain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..",
              "io.lstmsignals.service..",
              "ai.onnxruntime..",
              "io.lstmsignals.schemas.avro..",
              "org.apache.avro..")
          .because(
              "the core must be testable without a broker or native code: put Kafka access in trainer.kafka and"
                  + " ONNX Runtime calls in trainer.artifact, and convert Avro records to OhlcvBar at that edge");

  @ArchTest
  static final ArchRule mathIsPlainJava =
      noClasses()
          .that()
          .resideInAPackage("..trainer.nn..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages("java..", "jdk.incubator.vector..", "..trainer.nn..")
          .because(
              "the network math is pure: no I/O, no logging, nothing but arrays (data preparation belongs in"
                  + " trainer.data, orchestration in trainer.train)");

  @ArchTest
  static final ArchRule kafkaOnlyInTheKafkaShell =
      noClasses()
          .that()
          .resideOutsideOfPackages("..trainer.kafka..", "..trainer.app..", "..trainer.retrainer..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.kafka..")
          .because(
              "reading the bars topic is the KafkaBarSource's job, and the retrainer service's;"
                  + " everything else takes a BarSource");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.lstmsignals.(**)").should().beFreeOfCycles();
}
