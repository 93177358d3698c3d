package io.lstmsignals.ops.stack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.lstmsignals.ops.stack",
    importOptions = ImportOption.DoNotIncludeTests.class)
class StackArchitectureTest {

  @ArchTest
  static final ArchRule brokerRunsOnlyInAChildJvm =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "kafka..",
              "org.apache.kafka.server..",
              "org.apache.kafka.raft..",
              "org.apache.kafka.metadata..",
              "org.apache.logging..")
          .because(
              "the broker's jars are a provided dependency that consumers never get: launch the broker as a child"
                  + " JVM (KafkaBroker) and talk to it through kafka-clients only");

  @ArchTest
  static final ArchRule staysOffTestAndDockerLibraries =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.testcontainers..", "org.junit..")
          .because(
              "the demo and bin/stack run the stack without Docker or JUnit: container and JUnit code"
                  + " belongs in ops/testkit");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.lstmsignals.(**)").should().beFreeOfCycles();
}
