package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the {@code models} commands print times and decisions. */
final class Listing {

  private Listing() {}

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** An instant to the minute, or {@code -}. */
  static String time(Instant instant) {
    return instant == null ? "-" : MINUTES.format(instant);
  }

  /** One line about a decision: what, which version, for which bars, by whom and why. */
  static String decision(Promotion promotion) {
    return promotion.action()
        + (promotion.version() == null ? "" : " " + promotion.version())
        + ", for bars "
        + (promotion.effectiveFrom() == null
            ? "from when a scorer read it"
            : "from " + time(promotion.effectiveFrom()))
        + (promotion.validUntil() == null ? "" : " until " + time(promotion.validUntil()))
        + (promotion.optInSymbols().isEmpty() ? "" : ", opt-in " + promotion.optInSymbols())
        + (promotion.maxAgeBars().isEmpty()
            ? ""
            : ", max age " + promotion.maxAgeBars().getAsInt() + " bars")
        + "; decided "
        + time(promotion.decidedAt())
        + " by "
        + promotion.actor()
        + ": "
        + promotion.reason();
  }
}
