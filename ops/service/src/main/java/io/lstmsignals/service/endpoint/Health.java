package io.lstmsignals.service.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A service's health, as named checks: liveness checks say the process works at all (an
 * orchestrator restarts it otherwise); readiness checks say it does its job now (Streams RUNNING, a
 * model in force). A check is a supplier evaluated on each request, so it must be cheap and
 * thread-safe. Thread-safe.
 */
public final class Health {

  /**
   * One check's answer.
   *
   * @param up whether the check passes
   * @param detail what it saw, e.g. {@code RUNNING}
   */
  public record Check(boolean up, String detail) {
    public static Check up(String detail) {
      return new Check(true, detail);
    }

    public static Check down(String detail) {
      return new Check(false, detail);
    }
  }

  /**
   * A snapshot of every check.
   *
   * @param live every liveness check passes
   * @param ready live, and every readiness check passes
   */
  public record Report(boolean live, boolean ready, Map<String, Check> checks) {}

  private final Map<String, Supplier<Check>> liveness = new ConcurrentHashMap<>();
  private final Map<String, Supplier<Check>> readiness = new ConcurrentHashMap<>();

  /** Adds (or replaces) a liveness check. */
  public Health liveness(String name, Supplier<Check> check) {
    liveness.put(name, check);
    return this;
  }

  /** Adds (or replaces) a readiness check, e.g. "model" for the model in force. */
  public Health readiness(String name, Supplier<Check> check) {
    readiness.put(name, check);
    return this;
  }

  /** Evaluates every check now; a check that throws counts as down, with the exception. */
  public Report report() {
    Map<String, Check> checks = new LinkedHashMap<>();
    boolean live = evaluate(liveness, checks);
    boolean ready = evaluate(readiness, checks) && live;
    return new Report(live, ready, checks);
  }

  private static boolean evaluate(Map<String, Supplier<Check>> from, Map<String, Check> into) {
    boolean all = true;
    for (Map.Entry<String, Supplier<Check>> entry : new java.util.TreeMap<>(from).entrySet()) {
      Check check;
      try {
        check = entry.getValue().get();
      } catch (RuntimeException e) {
        check = Check.down(e.toString());
      }
      into.put(entry.getKey(), check);
      all &= check.up();
    }
    return all;
  }
}
