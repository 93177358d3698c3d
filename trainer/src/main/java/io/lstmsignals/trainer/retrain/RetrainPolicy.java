package io.lstmsignals.trainer.retrain;

import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.BarRules;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.train.TrainingConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one model line is retrained, all in event time (bar open times), so that the retrainer
 * service and the offline walk-forward make the same decisions from the same bars.
 *
 * <p><b>Boundaries.</b> Decisions fall on a fixed grid: {@code t_k = anchor + k · everyBars ·
 * interval}. The decision at {@code t_k} is made on the bars opening before {@code t_k} (the last
 * one closes at {@code t_k}); the first is at the first boundary with {@code windowBars} bars of
 * history before it. A boundary is reached once a bar closing at or after it exists.
 *
 * <p><b>When a decision applies.</b> The decision at {@code t_k} applies to the bars opening from
 * {@code t_k + lagBars · interval} ({@code effectiveFrom}) to the next decision's {@code
 * effectiveFrom} ({@code validUntil}); a scorer holds a bar past {@code validUntil} until the next
 * decision is known, whatever the pace of the bars.
 *
 * @param window ROLLING: train on the {@code windowBars} bars before the boundary; EXPANDING: on
 *     every bar before it ({@code windowBars} is then the least history to start with)
 * @param gate whether a challenger must beat the champion; off = every trained challenger is put in
 *     force
 */
public record RetrainPolicy(
    String line,
    String symbol,
    Duration interval,
    int everyBars,
    Instant anchor,
    Window window,
    int windowBars,
    int lagBars,
    GateCriterion criterion,
    double margin,
    boolean gate,
    TrainingConfig training) {

  /** Which bars a challenger is trained on. */
  public enum Window {
    ROLLING,
    EXPANDING
  }

  public RetrainPolicy {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(criterion, "criterion");
    Objects.requireNonNull(training, "training");
    List<String> problems = new ArrayList<>();
    if (!ModelVersions.isValidLine(line)) {
      problems.add("line '" + line + "' " + ModelVersions.LINE_RULE);
    }
    if (!BarRules.isValidSymbol(symbol)) {
      problems.add("symbol '" + symbol + "' " + BarRules.SYMBOL_RULE);
    }
    if (everyBars < 1) {
      problems.add("everyBars " + everyBars + " must be >= 1");
    }
    if (windowBars < 1) {
      problems.add("windowBars " + windowBars + " must be >= 1");
    }
    if (lagBars < 0) {
      problems.add("lagBars " + lagBars + " must be >= 0");
    }
    if (!Double.isFinite(margin) || margin < 0) {
      problems.add("margin " + margin + " must be finite and >= 0");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Retrain policy: " + String.join("; ", problems));
    }
  }

  /** The k-th boundary of the grid. */
  public Instant boundary(long k) {
    return anchor.plus(step().multipliedBy(k));
  }

  /** The index of the newest boundary at or before {@code time}. */
  public long indexAtOrBefore(Instant time) {
    return Math.floorDiv(Duration.between(anchor, time).toMillis(), step().toMillis());
  }

  /** The boundary after {@code boundary}. */
  public Instant next(Instant boundary) {
    return boundary.plus(step());
  }

  /** The first boundary a series starting with a bar opening at {@code firstBarOpen} reaches. */
  public Instant firstBoundary(Instant firstBarOpen) {
    Instant earliest = firstBarOpen.plus(interval.multipliedBy(windowBars));
    long k = indexAtOrBefore(earliest);
    Instant candidate = boundary(k);
    return candidate.isBefore(earliest) ? boundary(k + 1) : candidate;
  }

  /** Whether {@code newestBarOpen} is the open of a bar closing at or after {@code boundary}. */
  public boolean reached(Instant boundary, Instant newestBarOpen) {
    return !newestBarOpen.plus(interval).isBefore(boundary);
  }

  /** Open time of the first bar the decision at {@code boundary} applies to. */
  public Instant effectiveFrom(Instant boundary) {
    return boundary.plus(interval.multipliedBy(lagBars));
  }

  /** The bars a challenger decided at {@code boundary} is trained (and validated, tested) on. */
  public BarSeries trainingWindow(BarSeries history, Instant boundary) {
    return history.between(windowStart(boundary), boundary);
  }

  /** Open time of the first bar of the window before {@code boundary}. */
  public Instant windowStart(Instant boundary) {
    return window == Window.ROLLING
        ? boundary.minus(interval.multipliedBy(windowBars))
        : Instant.MIN;
  }

  /** What the card and the model events say of the data: the same whichever source fed it. */
  public String dataSource() {
    return "bars:" + symbol + "/" + BarInterval.of(interval).name();
  }

  /** The policy in words, for logs and reports. */
  public String describe() {
    return "line "
        + line
        + " ("
        + symbol
        + "): every "
        + everyBars
        + " bars from "
        + anchor
        + ", "
        + window.name().toLowerCase(java.util.Locale.ROOT)
        + " window of "
        + windowBars
        + " bars, lag "
        + lagBars
        + ", gate "
        + (gate ? criterion.describe(margin) : "off")
        + ", seed "
        + training.seed();
  }

  private Duration step() {
    return interval.multipliedBy(everyBars);
  }
}
