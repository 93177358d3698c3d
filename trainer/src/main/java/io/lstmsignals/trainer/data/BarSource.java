package io.lstmsignals.trainer.data;

/**
 * Where the trainer's bar history comes from: a CSV file for the study, the bars topic for
 * retraining. Both return the same validated series, so training code cannot tell them apart.
 */
public interface BarSource {

  /**
   * Reads the whole history this source offers.
   *
   * @throws BarDataException if a bar is malformed or the bars are out of order; the message names
   *     the place
   */
  BarSeries read();

  /**
   * Where the bars come from, for logs and the model card (e.g. {@code
   * csv:data/BTCUSDT-4h-2024.csv}).
   */
  String describe();
}
