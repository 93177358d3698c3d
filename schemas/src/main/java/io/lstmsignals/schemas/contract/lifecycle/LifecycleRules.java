package io.lstmsignals.schemas.contract.lifecycle;

import io.lstmsignals.schemas.contract.BarRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a release or a promotion must be before anyone writes it, checked against the lines as they
 * stand: every writer (the trainer, the retrainer, {@code scorer release}, {@code models promote})
 * runs these checks, and the scorer runs them again before it serves anything.
 */
public final class LifecycleRules {

  private LifecycleRules() {}

  /**
   * The problems of publishing {@code release} now; empty when it may be published. Releases are
   * immutable: a version that exists with other bytes is refused (the same bytes again are an
   * idempotent re-publish).
   */
  public static List<String> releaseProblems(Release release, ModelLines lines) {
    List<String> problems = new ArrayList<>();
    String label = "release " + release.label();
    if (!ModelVersions.isValidLine(release.line())) {
      problems.add(label + ": line '" + release.line() + "' " + ModelVersions.LINE_RULE);
    }
    if (!ModelVersions.isValidVersion(release.version())) {
      problems.add(label + ": version '" + release.version() + "' " + ModelVersions.VERSION_RULE);
    }
    if (!release.sha256().matches("[0-9a-f]{64}")) {
      problems.add(label + ": sha256 '" + release.sha256() + "' must be 64 lower-case hex digits");
    }
    if (release.windowBars() < 1) {
      problems.add(label + ": windowBars " + release.windowBars() + " must be >= 1");
    }
    if (release.symbols().isEmpty()) {
      problems.add(label + ": names no symbol; a release serves the symbols it was trained for");
    }
    for (String symbol : release.symbols()) {
      if (!BarRules.isValidSymbol(symbol)) {
        problems.add(label + ": symbol '" + symbol + "' " + BarRules.SYMBOL_RULE);
        continue;
      }
      Optional<String> owner = lines.lineOf(symbol);
      if (owner.isPresent() && !owner.get().equals(release.line())) {
        problems.add(
            label
                + ": symbol "
                + symbol
                + " is served by line "
                + owner.get()
                + "; a symbol belongs to one line");
      }
    }
    lines
        .conflictWith(release)
        .ifPresent(
            existing ->
                problems.add(
                    label
                        + ": exists with sha256 "
                        + existing.sha256()
                        + "; releases are immutable, publish a new version"));
    return problems;
  }

  /** The problems of writing {@code promotion} now; empty when it may be written. */
  public static List<String> promotionProblems(Promotion promotion, ModelLines lines) {
    List<String> problems = new ArrayList<>();
    String label = promotion.action() + " of line " + promotion.line();
    if (!ModelVersions.isValidLine(promotion.line())) {
      problems.add(label + ": line '" + promotion.line() + "' " + ModelVersions.LINE_RULE);
    }
    if (promotion.actor() == null || promotion.actor().isBlank()) {
      problems.add(label + ": says nobody decided it (actor is blank)");
    }
    if (promotion.reason() == null || promotion.reason().isBlank()) {
      problems.add(label + ": gives no reason");
    }
    if (promotion.maxAgeBars().isPresent() && promotion.maxAgeBars().getAsInt() < 1) {
      problems.add(label + ": maxAgeBars " + promotion.maxAgeBars().getAsInt() + " must be >= 1");
    }
    if (promotion.action().servesAVersion()) {
      Optional<Release> release = lines.release(promotion.line(), promotion.version());
      if (release.isEmpty()) {
        problems.add(
            label
                + ": version "
                + promotion.version()
                + " is not a release of the line (known: "
                + lines.releases(promotion.line()).stream().map(Release::version).toList()
                + ")");
      } else if (!release.get().sha256().equals(promotion.sha256())) {
        problems.add(
            label
                + ": sha256 "
                + promotion.sha256()
                + " is not the release's "
                + release.get().sha256());
      }
    }
    if (promotion.action() == Promotion.Action.SCHEDULE) {
      if (promotion.symbols().isEmpty()) {
        problems.add(label + ": names no symbol for the scheduled line");
      }
      for (String symbol : promotion.symbols()) {
        if (!BarRules.isValidSymbol(symbol)) {
          problems.add(label + ": symbol '" + symbol + "' " + BarRules.SYMBOL_RULE);
          continue;
        }
        Optional<String> owner = lines.lineOf(symbol);
        if (owner.isPresent() && !owner.get().equals(promotion.line())) {
          problems.add(label + ": symbol " + symbol + " is served by line " + owner.get());
        }
      }
    } else if (!promotion.symbols().isEmpty()) {
      problems.add(label + ": only SCHEDULE names the line's symbols");
    }
    for (String symbol : promotion.optInSymbols()) {
      if (!BarRules.isValidSymbol(symbol)) {
        problems.add(label + ": opt-in symbol '" + symbol + "' " + BarRules.SYMBOL_RULE);
        continue;
      }
      Optional<String> owner = lines.lineOf(symbol);
      if (owner.isPresent() && !owner.get().equals(promotion.line())) {
        problems.add(label + ": opt-in symbol " + symbol + " is served by line " + owner.get());
      }
    }
    return problems;
  }
}
