package io.lstmsignals.ingest.app;

import io.lstmsignals.ingest.bar.Gap;
import io.lstmsignals.ingest.pipeline.SymbolTally;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Prints the end-of-run summary: per symbol, what was published, rejected, dropped, and the gaps
 * found.
 */
final class RunSummary {
  private RunSummary() {}

  static void print(Map<String, SymbolTally> tallies, String topic, PrintWriter out) {
    out.println("summary (topic " + topic + ", rejected input in " + topic + ".dlq):");
    if (tallies.isEmpty()) {
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
