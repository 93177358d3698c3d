package io.lstmsignals.ingest.poll;

/** The klines endpoint did not give a usable answer, after retrying where retrying made sense. */
public final class KlineFetchException extends Exception {
  public KlineFetchException(String message) {
    super(message);
  }

  public KlineFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
