package io.lstmsignals.ingest.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmsignals.ingest.bar.InvalidBarException;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.ingest.pipeline.Provenance;
import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Binance's klines JSON: an array of {@code [openTime, "open", "high", "low", "close",
 * "volume", closeTime, ...]}. Binance prints {@code closeTime = openTime + interval - 1 ms}; bars
 * here close exclusively at {@code openTime + interval}, so that value is normalised. Any other
 * close time is a bad kline.
 */
public final class KlineJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KlineJson() {}

  /**
   * @param source provenance tag of the bars, e.g. {@code poll:binance}
   * @param url the request, quoted in rejections
   * @throws KlineFetchException when the body is not a JSON array
   */
  public static List<InputRecord> parse(
      String body, String symbol, BarInterval interval, String source, String url)
      throws KlineFetchException {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new KlineFetchException("Response of " + url + " is not JSON: " + abbreviate(body), e);
    }
    if (root == null || !root.isArray()) {
      throw new KlineFetchException(
          "Response of " + url + " is not a JSON array of klines: " + abbreviate(body));
    }
    List<InputRecord> records = new ArrayList<>(root.size());
    Instant lastTime = Instant.EPOCH;
    for (int i = 0; i < root.size(); i++) {
      JsonNode kline = root.get(i);
      Provenance at = new Provenance(source, url, "kline " + i, kline.toString());
      InputRecord record = parseOne(kline, symbol, interval, at, lastTime);
      lastTime = record.eventTime();
      records.add(record);
    }
    return records;
  }

  private static InputRecord parseOne(
      JsonNode kline, String symbol, BarInterval interval, Provenance at, Instant lastTime) {
    if (!kline.isArray() || kline.size() < 7) {
      return new InputRecord.Unreadable(
          at,
          symbol,
          "kline must be an array [openTime, open, high, low, close," + " volume, closeTime, ...]",
          null,
          lastTime);
    }
    if (!kline.get(0).canConvertToExactIntegral() || !kline.get(6).canConvertToExactIntegral()) {
      return new InputRecord.Unreadable(
          at,
          symbol,
          "openTime "
              + kline.get(0)
              + " and closeTime "
              + kline.get(6)
              + " must be epoch milliseconds",
          null,
          lastTime);
    }
    Instant open = Instant.ofEpochMilli(kline.get(0).asLong());
    Instant eventTime = open.plus(interval.length());
    long printedClose = kline.get(6).asLong();
    double[] values = new double[5];
    String[] names = {"open", "high", "low", "close", "volume"};
    for (int i = 0; i < values.length; i++) {
      String text = kline.get(i + 1).asText();
      try {
        values[i] = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return new InputRecord.Unreadable(
            at,
            symbol,
            names[i] + " '" + text + "' is not a number",
            e.getClass().getName(),
            eventTime);
      }
    }
    Instant close =
        printedClose == eventTime.toEpochMilli() - 1
            ? eventTime
            : Instant.ofEpochMilli(printedClose);
    try {
      OhlcvBar bar =
          new OhlcvBar(
              symbol, interval, open, close, values[0], values[1], values[2], values[3], values[4]);
      return new InputRecord.Parsed(bar, at);
    } catch (InvalidBarException e) {
      return new InputRecord.Unreadable(
          at, symbol, e.getMessage(), e.getClass().getName(), eventTime);
    }
  }

  private static String abbreviate(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "...";
  }
}
