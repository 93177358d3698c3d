package io.lstmsignals.ingest.app;

import io.lstmsignals.ingest.bar.Gap;
import io.lstmsignals.ingest.pipeline.SymbolTally;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prints the end-of-run summary: per symbol, what was published, rejected, dropped, and the gaps
 * found.
 */
final class RunSummary {
  private RunSummary() {}

  static void print(Map<String, SymbolTally> tallies, String topic, PrintWriter out) {
    print(tallies, Map.of(), topic, out);
  }

  /**
   * @param recordsPerFile the bar lines of each file replayed (a file with none is named)
   */
  static void print(
      Map<String, SymbolTally> tallies,
      Map<Path, Long> recordsPerFile,
      String topic,
      PrintWriter out) {
    out.println("summary (topic " + topic + ", rejected input in " + topic + ".dlq):");
    recordsPerFile.forEach(
        (file, records) -> {
          if (records == 0) {
            out.println("  no input in " + file + ": 0 bars, only a header");
          }
        });
    if (tallies.isEmpty() && recordsPerFile.isEmpty()) {
      out.println("  no input: nothing new to publish");
    }
    for (SymbolTally tally : tallies.values()) {
      out.println("  " + tally.summaryLine());
      for (Gap gap : tally.gaps()) {
        out.println("    gap " + gap);
      }
    }
  }
}
