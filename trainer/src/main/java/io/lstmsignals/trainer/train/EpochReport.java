package io.lstmsignals.trainer.train;

/**
 * What one epoch did.
 *
 * @param epoch 1-based
 * @param trainLoss mean squared error on the scaled target over the epoch's training samples (with
 *     dropout)
 * @param validationLoss mean squared error on the scaled target over the validation windows (no
 *     dropout)
 * @param seconds wall time of the epoch, validation included
 * @param improved whether the validation loss was the lowest so far
 */
public record EpochReport(
    int epoch, double trainLoss, double validationLoss, double seconds, boolean improved) {}
