package io.lstmsignals.trainer.train;

import io.lstmsignals.trainer.data.RowRange;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training rows: a fresh Fisher–Yates shuffle per epoch, cut
 * into batches of {@code batchSize} (the last one smaller when the rows do not divide evenly, as
 * PyTorch's DataLoader does).
 */
public final class BatchSchedule {

  private final RowRange rows;
  private final int batchSize;
  private final RandomStreams random;

  public BatchSchedule(RowRange rows, int batchSize, RandomStreams random) {
    if (rows.size() < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "BatchSchedule: "
              + rows.size()
              + " rows and batch size "
              + batchSize
              + "; both must be >= 1");
    }
    this.rows = rows;
    this.batchSize = batchSize;
    this.random = random;
  }

  /** The batches of epoch {@code epoch} (1-based), each an array of dataset rows. */
  public int[][] batches(int epoch) {
    int[] order = new int[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = rows.row(i);
    }
    SplittableRandom shuffle = random.shuffle(epoch);
    for (int i = order.length - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int count = (order.length + batchSize - 1) / batchSize;
    int[][] batches = new int[count][];
    for (int b = 0; b < count; b++) {
      int from = b * batchSize;
      batches[b] = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
    }
    return batches;
  }
}
