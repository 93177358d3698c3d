package io.lstmsignals.ingest.poll;

import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;

/** A klines API: Binance's {@code /api/v3/klines} in production. */
public interface KlineSource {

  /**
   * Fetches up to {@code limit} klines of {@code symbol} opening at or after {@code from}, oldest
   * first. The last one may still be open.
   *
   * @throws KlineFetchException when no usable answer came, retries included
   */
  KlinePage fetch(String symbol, BarInterval interval, Instant from, int limit)
      throws KlineFetchException, InterruptedException;
}
