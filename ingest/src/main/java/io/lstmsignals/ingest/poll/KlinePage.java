package io.lstmsignals.ingest.poll;

import io.lstmsignals.ingest.pipeline.InputRecord;
import java.util.List;

/**
 * One response of the klines endpoint, oldest first.
 *
 * @param records one record per kline the exchange returned, the still-open bar included
 */
public record KlinePage(List<InputRecord> records) {
  public KlinePage {
    records = List.copyOf(records);
  }
}
