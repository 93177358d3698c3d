package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.lifecycle.LifecycleRecords;
import io.lstmsignals.signals.report.ModelSample;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one adapter from model releases to the ranges the reports need. The models topic keeps every
 * version of every line (key {@code <line>/<version>}); a version's validation end is the
 * lifecycle's ({@link LifecycleRecords#release}: the release's field, or its card's for a release
 * written before releases carried it), its training and test ranges the release's own fields.
 */
public final class ModelSamples {

  private ModelSamples() {}

  /**
   * Every version on the models topic, by version (a version names its line: {@code
   * ModelVersions}).
   */
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
    return new ModelSample(
        release.getVersion(),
        Optional.ofNullable(release.getTrainedFrom()),
        Optional.ofNullable(release.getTrainedTo()),
        Optional.ofNullable(LifecycleRecords.release(release).validatedTo()),
        Optional.ofNullable(release.getTestedFrom()),
        Optional.ofNullable(release.getTestedTo()));
  }
}
