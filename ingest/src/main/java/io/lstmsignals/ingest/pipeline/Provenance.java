package io.lstmsignals.ingest.pipeline;

import java.util.Objects;

/**
 * Where an input record came from, kept so that a rejection can quote it.
 *
 * @param source short tag written into published bars, e.g. {@code replay:BTCUSDT-4h.csv} or {@code
 *     poll:binance}
 * @param origin the file path or URL
 * @param location where in the origin, e.g. {@code line 17}, or null when it has no finer position
 * @param text the original input as text (the CSV line, the kline JSON), or null
 */
public record Provenance(String source, String origin, String location, String text) {
  public Provenance {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
  }

  /** "data/BTCUSDT-4h.csv line 17", for messages. */
  public String where() {
    return location == null ? origin : origin + " " + location;
  }
}
