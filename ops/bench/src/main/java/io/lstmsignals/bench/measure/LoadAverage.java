package io.lstmsignals.bench.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's load average, printed beside every benchmark figure: on a shared machine it says
 * how much the other processes took.
 */
public final class LoadAverage {
  private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");

  private LoadAverage() {}

  /**
   * The 1-, 5- and 15-minute load averages from /proc/loadavg, else the 1-minute one the JVM
   * reports, with the number of cores, e.g. "load average 1.92 1.50 1.20 (2 cores)".
   */
  public static String now() {
    int cores = Runtime.getRuntime().availableProcessors();
    try {
      return "load average " + fromProc(Files.readString(PROC_LOADAVG)) + " (" + cores + " cores)";
    } catch (IOException | RuntimeException e) {
      double oneMinute = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return oneMinute < 0
          ? "load average unavailable (" + cores + " cores)"
          : String.format(Locale.ROOT, "load average %.2f (1 min, %d cores)", oneMinute, cores);
    }
  }

  /** The first three fields of a /proc/loadavg line. */
  static String fromProc(String line) {
    String[] fields = line.trim().split("\\s+");
    if (fields.length < 3) {
      throw new IllegalArgumentException("unexpected /proc/loadavg: " + line);
    }
    return fields[0] + " " + fields[1] + " " + fields[2];
  }
}
