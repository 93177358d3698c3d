package io.lstmsignals.signals.book;

import java.util.List;
import java.util.Optional;

/**
 * The portfolio points one member bar completed, or why the bar was rejected (the book is unchanged
 * then).
 */
public record PortfolioOutcome(List<PortfolioPoint> points, Optional<String> rejection) {

  public PortfolioOutcome {
    points = List.copyOf(points);
  }

  static PortfolioOutcome accepted(List<PortfolioPoint> points) {
    return new PortfolioOutcome(points, Optional.empty());
  }

  static PortfolioOutcome rejected(String reason) {
    return new PortfolioOutcome(List.of(), Optional.of(reason));
  }
}
