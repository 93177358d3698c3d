package io.lstmsignals.schemas.contract.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A decision about which version of a line is in force (the Avro {@code ModelPromotion}).
 *
 * @param version the version put in force; null for {@link Action#RETIRE}
 * @param sha256 the bytes it pins; null for RETIRE
 * @param effectiveFrom open time of the first bar it applies to; null = from the next bar processed
 * @param validUntil bars opening at or after it wait for the line's next decision; null = none
 * @param optInSymbols symbols served though the model was not trained on them
 * @param symbols {@link Action#SCHEDULE} only: the symbols the scheduled line is trained on, routed
 *     to it before its first release
 * @param maxAgeBars expiry, in bars after the version's last training bar; empty = never
 */
public record Promotion(
    String line,
    Action action,
    String version,
    String sha256,
    Instant effectiveFrom,
    Instant validUntil,
    List<String> optInSymbols,
    List<String> symbols,
    OptionalInt maxAgeBars,
    Instant decidedAt,
    String actor,
    String reason) {

  /** What a promotion does (the Avro {@code PromotionAction}). */
  public enum Action {
    /** Puts a version in force. */
    PROMOTE,
    /** A scheduled decision that keeps the version in force (the challenger lost). */
    KEEP,
    /** Puts an earlier version back. */
    ROLLBACK,
    /** Takes the line out of service. */
    RETIRE,
    /**
     * Declares a line decided by a retrainer's schedule: its symbols are routed to it, and its bars
     * wait for the schedule's decisions (before the first one applies, they precede its first
     * version).
     */
    SCHEDULE;

    /** Whether it names a version to serve. */
    public boolean servesAVersion() {
      return this != RETIRE && this != SCHEDULE;
    }
  }

  public Promotion {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(maxAgeBars, "maxAgeBars");
    optInSymbols = SymbolList.of(optInSymbols);
    symbols = SymbolList.of(symbols);
    if (action.servesAVersion() && (version == null || sha256 == null)) {
      throw new IllegalArgumentException(
          "Promotion of line " + line + ": " + action + " needs a version and its sha256");
    }
    if (effectiveFrom != null && validUntil != null && !validUntil.isAfter(effectiveFrom)) {
      throw new IllegalArgumentException(
          "Promotion of line "
              + line
              + ": validUntil "
              + validUntil
              + " must be after effectiveFrom "
              + effectiveFrom);
    }
  }

  /** A promotion of any action but SCHEDULE. */
  public Promotion(
      String line,
      Action action,
      String version,
      String sha256,
      Instant effectiveFrom,
      Instant validUntil,
      List<String> optInSymbols,
      OptionalInt maxAgeBars,
      Instant decidedAt,
      String actor,
      String reason) {
    this(
        line,
        action,
        version,
        sha256,
        effectiveFrom,
        validUntil,
        optInSymbols,
        List.of(),
        maxAgeBars,
        decidedAt,
        actor,
        reason);
  }

  /** The declaration of a line a retrainer decides on a schedule, serving {@code symbols}. */
  public static Promotion schedule(
      String line, List<String> symbols, Instant decidedAt, String actor, String reason) {
    return new Promotion(
        line,
        Action.SCHEDULE,
        null,
        null,
        null,
        null,
        List.of(),
        symbols,
        OptionalInt.empty(),
        decidedAt,
        actor,
        reason);
  }

  /** Whether it applies to a bar opening at {@code barOpenTime}. */
  public boolean appliesTo(Instant barOpenTime) {
    return effectiveFrom == null || !barOpenTime.isBefore(effectiveFrom);
  }
}
