package io.lstmsignals.ingest.poll;

import io.lstmsignals.ingest.pipeline.IngestPipeline;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a klines API and feeds every CLOSED bar, once, to the pipeline.
 *
 * <p>Each symbol has a cursor: the open time of the next bar wanted. It starts where the output
 * topic ends (the close time of its last bar), so a poller that was down back-fills exactly the
 * bars it missed, page by page; it moves only past bars that were handed to the pipeline, so a
 * failed request leaves no hole: the next round asks again from the same point. A bar that closes
 * after the clock's now is still open and never handed on. Not thread-safe.
 */
public final class KlinePoller {
  private static final Logger log = LoggerFactory.getLogger(KlinePoller.class);

  private final KlineSource source;
  private final BarInterval interval;
  private final int pageLimit;
  private final IngestPipeline pipeline;
  private final Clock clock;
  private final Map<String, Instant> cursors = new LinkedHashMap<>();

  /**
   * @param startFrom per symbol, where to start: the close time of the topic's last bar, else the
   *     configured start
   * @param pageLimit klines per request (Binance allows up to 1,000)
   */
  public KlinePoller(
      KlineSource source,
      List<String> symbols,
      BarInterval interval,
      int pageLimit,
      IngestPipeline pipeline,
      Clock clock,
      Map<String, Instant> startFrom) {
    if (pageLimit < 2) {
      throw new IllegalArgumentException(
          "Invalid value " + pageLimit + " for page limit: must be >= 2");
    }
    this.source = source;
    this.interval = interval;
    this.pageLimit = pageLimit;
    this.pipeline = pipeline;
    this.clock = clock;
    for (String symbol : symbols) {
      Instant start = startFrom.get(symbol);
      if (start == null) {
        throw new IllegalArgumentException("No start time for symbol " + symbol);
      }
      cursors.put(symbol, interval.slotOf(start));
    }
  }

  /**
   * Fetches, for every symbol, all bars closed since its cursor. A symbol whose requests fail keeps
   * its cursor and is retried on the next call.
   *
   * @return the number of records handed to the pipeline
   */
  public long catchUp() throws InterruptedException {
    long handed = 0;
    for (Map.Entry<String, Instant> cursor : cursors.entrySet()) {
      try {
        long symbolHanded = catchUp(cursor);
        handed += symbolHanded;
        if (symbolHanded > 0) {
          log.info(
              "Caught up symbol={} bars={} next={}",
              cursor.getKey(),
              symbolHanded,
              cursor.getValue());
        }
      } catch (KlineFetchException e) {
        log.error(
            "Poll failed symbol={} from={}; will retry from there: {}",
            cursor.getKey(),
            cursor.getValue(),
            e.getMessage());
      }
    }
    return handed;
  }

  private long catchUp(Map.Entry<String, Instant> cursor)
      throws KlineFetchException, InterruptedException {
    long handed = 0;
    while (true) {
      Instant now = clock.instant();
      KlinePage page = source.fetch(cursor.getKey(), interval, cursor.getValue(), pageLimit);
      Instant before = cursor.getValue();
      boolean reachedOpenBar = false;
      for (InputRecord record : page.records()) {
        if (record.eventTime().isAfter(now)) {
          reachedOpenBar = true;
          break;
        }
        if (record.eventTime().isAfter(cursor.getValue())) {
          pipeline.accept(record);
          cursor.setValue(record.eventTime());
          handed++;
        }
      }
      log.debug(
          "Polled symbol={} klines={} cursor={}",
          cursor.getKey(),
          page.records().size(),
          cursor.getValue());
      if (reachedOpenBar
          || page.records().size() < pageLimit
          || !cursor.getValue().isAfter(before)) {
        return handed;
      }
    }
  }

  /** The open time of the next bar wanted per symbol. */
  public Map<String, Instant> cursors() {
    return Map.copyOf(cursors);
  }
}
