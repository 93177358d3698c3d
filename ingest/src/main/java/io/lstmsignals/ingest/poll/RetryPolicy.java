package io.lstmsignals.ingest.poll;

import java.time.Duration;

/**
 * How the klines client retries and throttles.
 *
 * @param maxAttempts tries per request, at least 1
 * @param initialBackoff wait after the first failure; doubled after each further one
 * @param maxBackoff the longest wait between tries
 * @param weightBudget request weight per minute the client may use (Binance allows 6,000; the
 *     header {@code X-MBX-USED-WEIGHT-1M} reports the use); above it the client waits for the next
 *     minute
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, int weightBudget) {

  /** 5 tries, 1 s doubling to 30 s, 80% of Binance's 6,000 weight per minute. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 4800);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "Invalid value " + maxAttempts + " for maxAttempts: must be >= 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "Invalid backoff "
              + initialBackoff
              + ".."
              + maxBackoff
              + ": must be 0 <= initial <= max");
    }
    if (weightBudget < 1) {
      throw new IllegalArgumentException(
          "Invalid value " + weightBudget + " for weightBudget: must be >= 1");
    }
  }

  /** The wait after failed try number {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    Duration wait = initialBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
