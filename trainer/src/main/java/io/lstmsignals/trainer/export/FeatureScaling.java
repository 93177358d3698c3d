package io.lstmsignals.trainer.export;

import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.MinMaxScaler;
import io.lstmsignals.trainer.data.StudyDataset;
import java.util.List;
import java.util.Objects;

/**
 * How raw bars become a model's inputs and how its output becomes a log-return: the window, the
 * features in column order, the feature scaler and the target scaler. The part of a model that the
 * self-contained artifact builds into its graph.
 *
 * @param windowBars W: the model reads W feature rows, computed from W + 1 raw bars
 */
public record FeatureScaling(
    int windowBars, List<Feature> features, MinMaxScaler featureScaler, MinMaxScaler targetScaler) {

  public FeatureScaling {
    Objects.requireNonNull(featureScaler, "featureScaler");
    Objects.requireNonNull(targetScaler, "targetScaler");
    features = List.copyOf(features);
    if (windowBars < 1) {
      throw new IllegalArgumentException(
          "FeatureScaling: windowBars " + windowBars + " must be >= 1");
    }
    if (features.isEmpty() || features.size() != featureScaler.columns()) {
      throw new IllegalArgumentException(
          "FeatureScaling: "
              + features.size()
              + " features but the feature scaler has "
              + featureScaler.columns()
              + " columns; need the same number, at least 1");
    }
    if (features.stream().distinct().count() != features.size()) {
      throw new IllegalArgumentException(
          "FeatureScaling: features " + features + " must not repeat");
    }
    if (targetScaler.columns() != 1) {
      throw new IllegalArgumentException(
          "FeatureScaling: target scaler has " + targetScaler.columns() + " columns; must have 1");
    }
  }

  /** The window, features and train-fitted scalers of a study dataset. */
  public static FeatureScaling of(StudyDataset data) {
    return new FeatureScaling(
        data.windowBars(), data.features(), data.featureScaler(), data.targetScaler());
  }
}
