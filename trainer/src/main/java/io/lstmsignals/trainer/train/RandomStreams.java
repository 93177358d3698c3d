package io.lstmsignals.trainer.train;

import java.util.SplittableRandom;

/**
 * The independent random streams of one training run, all derived from its seed: initialisation,
 * the shuffle of each epoch, and the dropout masks of each (epoch, sample). Deriving a stream per
 * sample makes dropout independent of which thread computes the sample.
 */
public record RandomStreams(long seed) {

  private static final long INITIALISATION = 0x1A2B3C4DL;
  private static final long SHUFFLE = 0x5E6F7081L;
  private static final long DROPOUT = 0x92A3B4C5L;

  public SplittableRandom initialisation() {
    return new SplittableRandom(mix(seed, INITIALISATION, 0));
  }

  public SplittableRandom shuffle(int epoch) {
    return new SplittableRandom(mix(seed, SHUFFLE, epoch));
  }

  /** The seed of the dropout masks of sample {@code row} in epoch {@code epoch}. */
  public long dropoutSeed(int epoch, int row) {
    return mix(seed, DROPOUT, ((long) epoch << 32) | (row & 0xFFFFFFFFL));
  }

  /** SplitMix64's finaliser over the three inputs: well-spread seeds from nearby integers. */
  private static long mix(long seed, long stream, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + stream;
    z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
