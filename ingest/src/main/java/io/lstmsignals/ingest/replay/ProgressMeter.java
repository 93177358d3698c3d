package io.lstmsignals.ingest.replay;

import io.lstmsignals.ingest.pipeline.TimeSource;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reports progress of a long run at most once per period: records done, records/s and, when the
 * total is known, the share done and an ETA. Not thread-safe.
 */
public final class ProgressMeter {
  private final long total;
  private final TimeSource time;
  private final long periodNanos;
  private final Consumer<String> out;
  private final long startNanos;
  private long lastReportNanos;
  private long done;

  /**
   * @param total expected records, or 0 when unknown
   * @param period least time between two reports
   * @param out receives each report line
   */
  public ProgressMeter(long total, TimeSource time, Duration period, Consumer<String> out) {
    this.total = total;
    this.time = time;
    this.periodNanos = period.toNanos();
    this.out = out;
    this.startNanos = time.nanoTime();
    this.lastReportNanos = startNanos;
  }

  /** Counts one more record and reports when a period has passed. */
  public void step() {
    done++;
    long now = time.nanoTime();
    if (now - lastReportNanos >= periodNanos) {
      lastReportNanos = now;
      out.accept(line(now));
    }
  }

  /** Records so far per second since the start. */
  public double ratePerSecond() {
    long elapsed = time.nanoTime() - startNanos;
    return elapsed <= 0 ? 0 : done * 1e9 / elapsed;
  }

  public long done() {
    return done;
  }

  /** Seconds since the start. */
  public double elapsedSeconds() {
    return (time.nanoTime() - startNanos) / 1e9;
  }

  String line(long now) {
    double seconds = (now - startNanos) / 1e9;
    double rate = seconds <= 0 ? 0 : done / seconds;
    if (total <= 0) {
      return String.format(Locale.ROOT, "progress: %,d records, %,.0f records/s", done, rate);
    }
    String eta = rate <= 0 ? "?" : formatDuration(Math.max(0, total - done) / rate);
    return String.format(
        Locale.ROOT,
        "progress: %,d/%,d records (%.0f%%), %,.0f records/s, ETA %s",
        done,
        total,
        100.0 * done / total,
        rate,
        eta);
  }

  /** "59s", "1m01s", "2h01m". */
  public static String formatDuration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
