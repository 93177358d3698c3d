package io.lstmsignals.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of CPU-time samples ({@code jdk.CPUTimeSample}, JDK 25+, Linux): every thread of
 * this JVM is sampled once per {@value #PERIOD_MILLIS} ms of CPU it burns, in Java or in native
 * code alike, so ONNX Runtime's and RocksDB's native time is seen (JFR's older execution samples
 * see Java code only). The recording stays on disk for {@code jfr print} or JDK Mission Control;
 * {@link #stop()} sums its samples by {@link StackCategories category} and thread role.
 */
public final class CpuProfile {
  public static final String EVENT = "jdk.CPUTimeSample";
  private static final String LOST_EVENT = "jdk.CPUTimeSamplesLost";
  static final int PERIOD_MILLIS = 1;

  /**
   * CPU milliseconds by thread role, then by category.
   *
   * @param millis role → category → ms of CPU (samples × the period)
   * @param lostSamples samples JFR reports as lost (its buffers were full)
   * @param file where the recording is
   */
  public record Breakdown(Map<String, Map<String, Long>> millis, long lostSamples, Path file) {
    public long total(String role) {
      return millis.getOrDefault(role, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Recording recording;
  private final Path file;

  private CpuProfile(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  /** Whether this JVM has the CPU-time sampler (JDK 25+ on Linux). */
  public static boolean available() {
    return FlightRecorder.isAvailable()
        && FlightRecorder.getFlightRecorder().getEventTypes().stream()
            .map(EventType::getName)
            .anyMatch(EVENT::equals);
  }

  /**
   * Starts recording into {@code file}.
   *
   * @throws IllegalStateException if the JVM has no CPU-time sampler
   */
  public static CpuProfile start(Path file) throws IOException {
    if (!available()) {
      throw new IllegalStateException(
          "--profile needs JFR's CPU-time sampler ("
              + EVENT
              + "), which JDK 25 and later have on Linux; this is "
              + Runtime.version()
              + " on "
              + System.getProperty("os.name"));
    }
    Recording recording = new Recording();
    recording.setName("lstm-bench-cpu");
    recording.enable(EVENT).with("throttle", PERIOD_MILLIS + "ms").withStackTrace();
    recording.enable(LOST_EVENT);
    recording.setToDisk(true);
    recording.setDestination(file);
    recording.setMaxAge(Duration.ofHours(1));
    recording.start();
    return new CpuProfile(recording, file);
  }

  /** Stops, writes the file and sums it. */
  public Breakdown stop() throws IOException {
    recording.stop();
    recording.close();
    Map<String, Map<String, Long>> millis = new TreeMap<>();
    long lost = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      String type = event.getEventType().getName();
      if (type.equals(LOST_EVENT)) {
        lost += event.getInt("lostSamples");
      } else if (type.equals(EVENT)) {
        RecordedThread thread = event.getThread("eventThread");
        String role = StackCategories.threadRole(thread == null ? null : thread.getJavaName());
        String category = StackCategories.of(classNames(event.getStackTrace()));
        millis
            .computeIfAbsent(role, r -> new TreeMap<>())
            .merge(category, (long) PERIOD_MILLIS, Long::sum);
      }
    }
    return new Breakdown(millis, lost, file);
  }

  private static List<String> classNames(RecordedStackTrace stack) {
    if (stack == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>(stack.getFrames().size());
    for (RecordedFrame frame : stack.getFrames()) {
      if (frame.getMethod() != null && frame.getMethod().getType() != null) {
        names.add(frame.getMethod().getType().getName());
      }
    }
    return names;
  }
}
