package io.lstmsignals.scorer.model;

/** What a scorer instance can score with right now. */
public sealed interface ModelState {

  /** No release of the followed model has been seen yet. */
  record NoModel(String modelName) implements ModelState {}

  /**
   * Releases were seen but every one was refused, so nothing serves; detail says why the latest was
   * refused.
   */
  record Rejected(String modelName, String version, String detail) implements ModelState {}

  /** A verified model serves. */
  record Serving(Scorer scorer) implements ModelState {
    public Serving {
      if (scorer == null) {
        throw new IllegalArgumentException("ModelState.Serving: scorer must not be null");
      }
    }
  }
}
