package io.lstmsignals.trainer.data;

/** Return rows {@code [from, to)} of a {@link StudyDataset}. */
public record RowRange(int from, int to) {

  public RowRange {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "RowRange: [" + from + ", " + to + ") must have 0 <= from <= to");
    }
  }

  public int size() {
    return to - from;
  }

  /** The i-th row of the range. */
  public int row(int i) {
    return from + i;
  }
}
