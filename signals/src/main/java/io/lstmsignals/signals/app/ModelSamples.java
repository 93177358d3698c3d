package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.signals.report.ModelSample;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one adapter from model releases to the ranges the reports need: training range from the
 * release's fields, validation and test ranges from its model card ({@link ModelCardKeys}). Only
 * fields that every release carries today are read, so that a re-keyed or extended models topic
 * needs a change here alone.
 */
public final class ModelSamples {

  private ModelSamples() {}

  /** Every version on the models topic (the latest release of each version wins). */
  public static Map<String, ModelSample> read(SignalsConfig config) {
    Map<String, ModelSample> samples = new TreeMap<>();
    CommittedTopic.readToEnd(
        config,
        config.models().name(),
        ModelRelease.class,
        record -> {
          if (record.value() != null) {
            ModelSample sample = of(record.value());
            samples.put(sample.version(), sample);
          }
        });
    return samples;
  }

  public static ModelSample of(ModelRelease release) {
    Map<String, String> card = release.getMetadata();
    return new ModelSample(
        release.getVersion(),
        Optional.ofNullable(release.getTrainedFrom())
            .or(() -> instant(card, ModelCardKeys.TRAINED_FROM)),
        Optional.ofNullable(release.getTrainedTo())
            .or(() -> instant(card, ModelCardKeys.TRAINED_TO)),
        instant(card, ModelCardKeys.VALIDATED_TO),
        instant(card, ModelCardKeys.TESTED_FROM),
        instant(card, ModelCardKeys.TESTED_TO));
  }

  /** A card time, or empty when absent or not an instant (then nothing is taken on trust). */
  private static Optional<Instant> instant(Map<String, String> card, String key) {
    String text = card.get(key);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
