package io.lstmsignals.schemas.lifecycle;

import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.schemas.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models and promotions topics read once from the beginning to their end (committed records
 * only): the lines as they stand, with the records themselves for listings. What writers check a
 * new release or promotion against, and what {@code models list} shows. A release that breaks the
 * rules is kept but refused, as a scorer refuses it; a re-publish of a version with other bytes is
 * ignored, as the first one stands.
 *
 * @param releases every release, by key {@code <line>/<version>}, in topic order
 * @param promotions every promotion, in topic order
 */
public record LifecycleHistory(
    ModelLines lines, Map<String, ModelRelease> releases, List<ModelPromotion> promotions) {

  public LifecycleHistory {
    releases = Collections.unmodifiableMap(new LinkedHashMap<>(releases));
    promotions = List.copyOf(promotions);
  }

  /** A line's version, if released. */
  public Optional<ModelRelease> release(String line, String version) {
    return Optional.ofNullable(releases.get(ModelVersions.releaseKey(line, version)));
  }

  /**
   * Reads both topics to the end offsets they have when reading starts.
   *
   * @param clientConfig the brokers (and security settings) of a consumer
   * @param serdeConfig the registry settings of the value deserializers
   * @throws IllegalStateException when a topic is missing or the end is not reached in time
   */
  public static LifecycleHistory read(
      Map<String, Object> clientConfig,
      Map<String, Object> serdeConfig,
      Topic<String, ModelRelease> models,
      Topic<String, ModelPromotion> promotions,
      Duration timeout) {
    ModelLines lines = ModelLines.empty();
    Map<String, ModelRelease> releases = new LinkedHashMap<>();
    List<ModelPromotion> promoted = new ArrayList<>();
    for (ModelRelease release : TopicSnapshot.read(clientConfig, serdeConfig, models, timeout)) {
      Release info;
      try {
        info = LifecycleRecords.release(release);
      } catch (IllegalArgumentException unreadable) {
        continue;
      }
      if (lines.conflictWith(info).isPresent()) {
        continue;
      }
      List<String> problems = LifecycleRecords.problems(release, lines);
      releases.put(ModelVersions.releaseKey(info.line(), info.version()), release);
      lines = lines.withRelease(info);
      if (!problems.isEmpty()) {
        lines = lines.refusing(info.line(), info.version(), String.join("; ", problems));
      }
    }
    for (ModelPromotion promotion :
        TopicSnapshot.read(clientConfig, serdeConfig, promotions, timeout)) {
      promoted.add(promotion);
      lines = LifecycleRecords.promotion(promotion).map(lines::withPromotion).orElse(lines);
    }
    return new LifecycleHistory(lines, releases, promoted);
  }
}
