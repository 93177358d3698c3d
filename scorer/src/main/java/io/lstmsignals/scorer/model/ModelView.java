package io.lstmsignals.scorer.model;

import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.scorer.signal.FlatCause;
import io.lstmsignals.scorer.signal.Scorer;
import io.lstmsignals.scorer.signal.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the scorer knows of the model lines at one moment, immutable: the lines as the models and
 * promotions topics describe them ({@link ModelLines}), the loaded models, and whether both topics
 * have been read to their end yet. {@link #verdict} turns it into what to do with one bar.
 *
 * @param lines the lines, releases and promotions read so far
 * @param loaded the verified, loaded models, by {@link ModelVersions#releaseKey}
 * @param caughtUp whether both topics were read to the end they had when the scorer started: before
 *     that, no bar may be decided (a release or promotion may still be unread)
 * @param followedLines the lines this scorer serves; empty = all
 * @param flatWhenMissing whether bars with no model in force get FLAT
 *     (scorer.on.missing.model=flat) instead of waiting
 * @param generation increases with every change, so processors know when to look again
 */
public record ModelView(
    ModelLines lines,
    Map<String, Scorer> loaded,
    boolean caughtUp,
    Set<String> followedLines,
    boolean flatWhenMissing,
    long generation) {

  public ModelView {
    loaded = Map.copyOf(loaded);
    followedLines = Set.copyOf(followedLines);
  }

  /** Before anything is read. */
  public static ModelView initial(Set<String> followedLines, boolean flatWhenMissing) {
    return new ModelView(ModelLines.empty(), Map.of(), false, followedLines, flatWhenMissing, 0);
  }

  /**
   * A complete view of fixed lines and loaded models, for scoring outside the streaming app (an
   * offline run, a benchmark): all lines followed, bars without a model in force wait.
   */
  public static ModelView caughtUp(ModelLines lines, Map<String, Scorer> loaded) {
    return new ModelView(lines, loaded, true, Set.of(), false, 1);
  }

  /**
   * The verdict for the bar of {@code symbol} opening at {@code barOpen}.
   *
   * @param interval the bars' interval, for expiry
   */
  public Verdict verdict(String symbol, Instant barOpen, Duration interval) {
    if (!caughtUp) {
      return hold("the models and promotions topics to be read to their end");
    }
    return switch (lines.resolve(symbol, barOpen)) {
      case ModelLines.NoLine none ->
          new Verdict.Flat(FlatCause.NO_MODEL_FOR_SYMBOL, none.detail(), null, null);
      case ModelLines.BeforeFirst first ->
          new Verdict.Flat(
              FlatCause.BEFORE_FIRST_MODEL,
              "the bar precedes line "
                  + first.line()
                  + "'s first version, in force from "
                  + first.from(),
              first.line(),
              null);
      case ModelLines.Wait wait -> hold(wait.waitingFor());
      case ModelLines.Serve serve -> serve(serve, barOpen, interval);
    };
  }

  private Verdict serve(ModelLines.Serve serve, Instant barOpen, Duration interval) {
    Release release = serve.release();
    if (!followedLines.isEmpty() && !followedLines.contains(serve.line())) {
      return new Verdict.Flat(
          FlatCause.NO_MODEL_FOR_SYMBOL,
          "line " + serve.line() + " is not one this scorer serves " + followedLines,
          serve.line(),
          null);
    }
    Instant barClose = barOpen.plus(interval);
    if (serve.expiredAt(barClose, interval)) {
      return new Verdict.Flat(
          FlatCause.MODEL_EXPIRED,
          "version "
              + release.version()
              + " is "
              + ModelLines.ageInBars(release.trainedTo(), barClose, interval)
              + " bars past its training (line "
              + serve.line()
              + " allows "
              + serve.maxAgeBars().getAsInt()
              + ")",
          serve.line(),
          release.version());
    }
    Scorer scorer = loaded.get(ModelVersions.releaseKey(release.line(), release.version()));
    if (scorer == null) {
      return hold("version " + release.label() + " to be loaded");
    }
    return new Verdict.Score(serve.line(), scorer, serve.optIn());
  }

  private Verdict hold(String waitingFor) {
    return flatWhenMissing
        ? new Verdict.Flat(
            FlatCause.NO_MODEL, "no model in force (waiting for " + waitingFor + ")", null, null)
        : new Verdict.Hold(waitingFor);
  }
}
