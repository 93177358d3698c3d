package io.lstmsignals.ingest.pipeline;

/**
 * Monotonic time and sleeping, injectable so that pacing and progress are tested without waiting.
 */
public interface TimeSource {

  /** The system's monotonic clock and {@link Thread#sleep}. */
  TimeSource SYSTEM =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      };

  long nanoTime();

  void sleepNanos(long nanos) throws InterruptedException;
}
