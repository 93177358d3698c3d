package io.lstmsignals.trainer.study;

import io.lstmsignals.trainer.train.TrainingConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The LSTM configurations of the reference study, with its published single-seed results. */
public enum StudyConfiguration {
  DEFAULT(
      "LSTM default (48 in, 32 units, 2 layers, dropout 0.1)",
      48,
      32,
      2,
      0.1,
      PublishedResult.of(522.29, 785.45, 0.6761, 0.4938, 0.2596, 4.2660)),
  SMALLEST(
      "LSTM smallest (24 in, 16 units, 1 layer, dropout 0)",
      24,
      16,
      1,
      0.0,
      PublishedResult.of(553.34, Double.NaN, Double.NaN, 0.5137, Double.NaN, 5.0295)),
  LARGEST(
      "LSTM largest (96 in, 64 units, 3 layers, dropout 0.2)",
      96,
      64,
      3,
      0.2,
      PublishedResult.of(517.29, Double.NaN, Double.NaN, 0.5362, Double.NaN, 5.0096)),
  WIDE(
      "LSTM (48 in, 64 units, 2 layers, dropout 0.2)",
      48,
      64,
      2,
      0.2,
      new PublishedResult(
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          "never went long: Sharpe undefined"));

  private final String label;
  private final int windowBars;
  private final int hiddenSize;
  private final int layers;
  private final double dropout;
  private final PublishedResult published;

  StudyConfiguration(
      String label,
      int windowBars,
      int hiddenSize,
      int layers,
      double dropout,
      PublishedResult published) {
    this.label = label;
    this.windowBars = windowBars;
    this.hiddenSize = hiddenSize;
    this.layers = layers;
    this.dropout = dropout;
    this.published = published;
  }

  public String label() {
    return label;
  }

  /** The study's training settings with this architecture and the given seed. */
  public TrainingConfig config(long seed) {
    return TrainingConfig.STUDY_DEFAULT
        .withArchitecture(windowBars, hiddenSize, layers, dropout)
        .withSeed(seed);
  }

  public PublishedResult published() {
    return published;
  }

  /** The lower-case name used on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The configuration with this id.
   *
   * @throws IllegalArgumentException naming the known ids
   */
  public static StudyConfiguration byId(String id) {
    return Arrays.stream(values())
        .filter(configuration -> configuration.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown study configuration '"
                        + id
                        + "': known are "
                        + Arrays.stream(values())
                            .map(StudyConfiguration::id)
                            .collect(Collectors.joining(", "))));
  }
}
