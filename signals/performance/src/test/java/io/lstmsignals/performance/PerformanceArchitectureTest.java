package io.lstmsignals.performance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PerformanceArchitectureTest {
  private static final JavaClasses PERFORMANCE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.lstmsignals.performance");

  @Test
  void measuringMustStayPure() {
    classes()
        .that()
        .resideInAnyPackage("io.lstmsignals.performance", "io.lstmsignals.performance.stats..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.lstmsignals.performance..", "java..")
        .because(
            "the trainer's and the P&L's pure cores measure with it; it takes plain arrays, and the"
                + " stages convert their records before calling it")
        .check(PERFORMANCE);
  }

  @Test
  void onlyTheChartsMayDraw() {
    classes()
        .that()
        .resideInAPackage("io.lstmsignals.performance.chart..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.lstmsignals.performance..", "java..", "javax.imageio..", "org.jfree..")
        .because("charts are drawn by JFreeChart and written by JFreeSVG or ImageIO, nothing else")
        .check(PERFORMANCE);
  }

  @Test
  void packagesMustBeFreeOfCycles() {
    slices()
        .matching("io.lstmsignals.performance.(**)")
        .should()
        .beFreeOfCycles()
        .check(PERFORMANCE);
  }
}
