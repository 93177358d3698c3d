package io.lstmsignals.bench.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CPU time spent over a span of wall time: by this JVM, by its threads grouped into roles by name
 * (e.g. Kafka Streams' stream threads), and by the whole machine (from /proc/stat, when there is
 * one). On a machine the benchmark shares with the broker and the registry, this says which side
 * the cores went to.
 *
 * @param wallNanos the span
 * @param processCpuNanos CPU time of this JVM, every thread (GC and JIT included)
 * @param threadCpuNanos CPU time by thread role, of the threads alive at both ends
 * @param machineBusyCpuNanos CPU time of every process on the machine, when /proc/stat is readable
 */
public record CpuUsage(
    long wallNanos,
    long processCpuNanos,
    Map<String, Long> threadCpuNanos,
    Optional<Long> machineBusyCpuNanos) {

  public CpuUsage {
    threadCpuNanos = Map.copyOf(threadCpuNanos);
  }

  /** A reading of the clocks at one instant. */
  public record Snapshot(
      long wallNanos,
      long processCpuNanos,
      Map<Long, Long> threadCpuNanos,
      Map<Long, String> threadRoles,
      Optional<MachineTicks> machine) {}

  /** Busy and total jiffies of all cores, from the first line of /proc/stat. */
  public record MachineTicks(long busy, long total) {}

  private static final Path PROC_STAT = Path.of("/proc/stat");

  /** Reads the clocks now; {@code roleOf} names each thread's role from its name. */
  public static Snapshot snapshot(Function<String, String> roleOf) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> roles = new HashMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      long nanos = threads.getThreadCpuTime(thread.threadId());
      if (nanos >= 0) {
        cpu.put(thread.threadId(), nanos);
        roles.put(thread.threadId(), roleOf.apply(thread.getName()));
      }
    }
    Optional<MachineTicks> machine;
    try {
      machine = Optional.of(machineTicks(Files.readAllLines(PROC_STAT).getFirst()));
    } catch (IOException | RuntimeException e) {
      machine = Optional.empty();
    }
    return new Snapshot(System.nanoTime(), os.getProcessCpuTime(), cpu, roles, machine);
  }

  /** What was spent between two snapshots. */
  public static CpuUsage between(Snapshot before, Snapshot after) {
    long wall = after.wallNanos() - before.wallNanos();
    Map<String, Long> byRole = new TreeMap<>();
    after
        .threadCpuNanos()
        .forEach(
            (id, nanos) -> {
              Long earlier = before.threadCpuNanos().get(id);
              if (earlier != null) {
                byRole.merge(after.threadRoles().get(id), nanos - earlier, Long::sum);
              }
            });
    Optional<Long> machine = Optional.empty();
    if (before.machine().isPresent() && after.machine().isPresent()) {
      MachineTicks a = before.machine().get();
      MachineTicks b = after.machine().get();
      long total = b.total() - a.total();
      if (total > 0) {
        double busyCores =
            (double) (b.busy() - a.busy()) / total * Runtime.getRuntime().availableProcessors();
        machine = Optional.of(Math.round(busyCores * wall));
      }
    }
    return new CpuUsage(wall, after.processCpuNanos() - before.processCpuNanos(), byRole, machine);
  }

  /** CPU time of the threads of one role (0 if none). */
  public long threadCpuNanos(String role) {
    return threadCpuNanos.getOrDefault(role, 0L);
  }

  /**
   * Parses the aggregate "cpu" line of /proc/stat: user nice system idle iowait irq softirq steal
   * ...; busy is everything but idle and iowait.
   */
  static MachineTicks machineTicks(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    if (!fields[0].equals("cpu") || fields.length < 5) {
      throw new IllegalArgumentException("unexpected /proc/stat line: " + cpuLine);
    }
    long total = 0;
    // guest and guest_nice (fields 9, 10) are already counted in user and nice.
    int counted = Math.min(fields.length, 9);
    for (int i = 1; i < counted; i++) {
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
    return new MachineTicks(total - idle, total);
  }
}
