package io.lstmsignals.ingest.pipeline;

/**
 * Input the pipeline refused, with what is needed to find and fix it.
 *
 * @param provenance where it came from and its original text
 * @param symbol the symbol when known, else null
 * @param reason why, naming the value and the rule
 * @param errorType the exception class that caused it, or null
 */
public record Rejection(Provenance provenance, String symbol, String reason, String errorType) {

  /** "data/BTCUSDT-4h.csv line 17: high 61000 < low 61200". */
  public String describe() {
    return provenance.where() + ": " + reason;
  }
}
