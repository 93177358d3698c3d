package io.lstmsignals.trainer.data;

/**
 * The study's chronological split of n return rows: the last {@code floor(0.2 n)} rows are the test
 * rows, the {@code floor(0.1 (n − test))} rows before them the validation rows, the rest the
 * training rows.
 */
public record StudySplit(int rows, int train, int validation, int test) {

  public StudySplit {
    if (train < 0 || validation < 0 || test < 0 || train + validation + test != rows) {
      throw new IllegalArgumentException(
          "StudySplit: train "
              + train
              + " + validation "
              + validation
              + " + test "
              + test
              + " must be non-negative and add up to rows "
              + rows);
    }
  }

  /** The study's split of {@code rows} rows. */
  public static StudySplit of(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("StudySplit: rows " + rows + " must be >= 0");
    }
    // Integer division is floor(0.2 n) and floor(0.1 (n − test)) exactly, without binary rounding
    // of 0.2 and 0.1.
    int test = rows / 5;
    int validation = (rows - test) / 10;
    return new StudySplit(rows, rows - test - validation, validation, test);
  }

  public int validationStart() {
    return train;
  }

  public int testStart() {
    return train + validation;
  }
}
