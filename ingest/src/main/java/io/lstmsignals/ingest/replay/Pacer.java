package io.lstmsignals.ingest.replay;

import io.lstmsignals.ingest.pipeline.TimeSource;
import java.time.Instant;

/**
 * Releases records at N× the pace at which they happened: the first record goes at once, and a
 * record that happened {@code d} after it goes {@code d / speed} after the start. A speed of 0
 * means as fast as possible. Not thread-safe.
 */
public final class Pacer {
  private final double speed;
  private final TimeSource time;
  private long startNanos;
  private Instant startEvent;

  /**
   * @param speed how many times real time (e.g. 3600 replays one hour of bars per second), or 0 for
   *     no pacing
   */
  public Pacer(double speed, TimeSource time) {
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException(
          "Invalid value "
              + speed
              + " for speed: must be a finite number >= 0"
              + " (0 = as fast as possible)");
    }
    this.speed = speed;
    this.time = time;
  }

  /** Waits until the record that happened at {@code eventTime} is due. */
  public void awaitTurn(Instant eventTime) throws InterruptedException {
    if (speed == 0) {
      return;
    }
    if (startEvent == null) {
      startEvent = eventTime;
      startNanos = time.nanoTime();
      return;
    }
    double eventNanos = (eventTime.toEpochMilli() - startEvent.toEpochMilli()) * 1e6;
    long due = startNanos + (long) (eventNanos / speed);
    long wait = due - time.nanoTime();
    if (wait > 0) {
      time.sleepNanos(wait);
    }
  }
}
