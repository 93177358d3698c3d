package io.lstmsignals.ops.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** What a pipeline run (the demo, a replay) tells a person at its end, and where its log goes. */
public final class RunSummary {

  private RunSummary() {}

  /**
   * Sends every stage's log to {@code logFile} (errors also to stderr), leaving stdout to the
   * person; call before the first logger exists.
   */
  public static void logInto(Path logFile) {
    System.setProperty("lstm.demo.log", logFile.toString());
    System.setProperty("logback.configurationFile", "io/lstmsignals/ops/demo/logback-demo.xml");
  }

  /** Which version decided which bars of which symbol. */
  public static void printVersionsServed(
      PrintWriter console, List<DemoPipeline.VersionServed> served, boolean retrained) {
    console.println("Signals by the version that decided them:");
    if (retrained) {
      console.println(
          "  (a retrained version applies from its decision's boundary on, after every bar it was"
              + " trained or validated on: each bar it scored is out-of-sample for it)");
    }
    for (DemoPipeline.VersionServed run : served) {
      console.printf(
          "  %-10s %-44s bars %s .. %s  %5d signals, %5d scored%n",
          run.symbol(), run.version(), run.fromBar(), run.toBar(), run.bars(), run.scored());
    }
  }

  public static void printScorerFigures(PrintWriter console, SimpleMeterRegistry meters) {
    Map<String, Long> signalsByOutcome = new TreeMap<>();
    for (Counter counter : meters.find("scorer.signals").counters()) {
      String key =
          counter.getId().getTags().stream()
              .map(Tag::getValue)
              .reduce((a, b) -> a + "/" + b)
              .orElse("all");
      signalsByOutcome.merge(key, (long) counter.count(), Long::sum);
    }
    console.printf("Scorer: signals by decision/reason %s%n", signalsByOutcome);
    Timer inference = meters.find("scorer.inference").timer();
    if (inference != null && inference.count() > 0) {
      console.printf(
          "Scorer: %d model runs, mean %.0f us, max %.0f us per window%n",
          inference.count(),
          inference.mean(TimeUnit.MICROSECONDS),
          inference.max(TimeUnit.MICROSECONDS));
    }
  }
}
