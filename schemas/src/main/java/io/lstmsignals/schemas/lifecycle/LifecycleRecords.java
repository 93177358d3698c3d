package io.lstmsignals.schemas.lifecycle;

import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.PromotionAction;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.contract.lifecycle.LifecycleRules;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Converts the lifecycle's Avro records to the pure core's values and back. A release written
 * before releases carried their symbols and validation range gets them from its model card.
 */
public final class LifecycleRecords {

  private LifecycleRecords() {}

  /** The lifecycle's view of a release. */
  public static Release release(ModelRelease release) {
    Map<String, String> card = release.getMetadata();
    List<String> symbols =
        release.getSymbols().isEmpty()
            ? Optional.ofNullable(card.get(ModelCardKeys.SYMBOL)).map(List::of).orElse(List.of())
            : release.getSymbols();
    Instant validatedTo =
        release.getValidatedTo() != null
            ? release.getValidatedTo()
            : instant(card.get(ModelCardKeys.VALIDATED_TO));
    return new Release(
        release.getModelName(),
        release.getVersion(),
        release.getSha256(),
        symbols,
        release.getWindowBars(),
        BarInterval.parse(release.getInterval()),
        release.getTrainedTo(),
        validatedTo,
        release.getParentVersion());
  }

  /**
   * Everything wrong with a release record against the lines as they stand: the lifecycle's rules
   * ({@link LifecycleRules#releaseProblems}) and whether its bytes hash to its sha256. Empty when
   * it may be published, or served once read.
   */
  public static List<String> problems(ModelRelease record, ModelLines lines) {
    Release release;
    try {
      release = release(record);
    } catch (IllegalArgumentException e) {
      return List.of(
          "release " + record.getModelName() + "@" + record.getVersion() + ": " + e.getMessage());
    }
    List<String> problems = new ArrayList<>(LifecycleRules.releaseProblems(release, lines));
    ByteBuffer artifact = record.getArtifact();
    if (artifact != null) {
      byte[] bytes = new byte[artifact.remaining()];
      artifact.duplicate().get(bytes);
      String actual = ArtifactLayout.sha256(bytes);
      if (!actual.equals(release.sha256())) {
        problems.add(
            "release "
                + release.label()
                + ": its artifact hashes to "
                + actual
                + ", not to the declared "
                + release.sha256()
                + " (corrupt or tampered bytes)");
      }
    }
    return problems;
  }

  /**
   * The release of a model artifact's bytes and card, as every writer builds it: symbols, interval,
   * window, training ranges, seed, config and metrics come from the card ({@link ModelCardKeys}).
   *
   * @param card the model's metadata_props
   * @throws IllegalArgumentException naming the card entry that is missing or malformed
   */
  public static ModelRelease releaseOf(
      String line, String version, byte[] onnx, Map<String, String> card, Instant releasedAt) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, String> config = new LinkedHashMap<>();
    card.forEach(
        (key, value) -> {
          if (key.startsWith(ModelCardKeys.METRIC_PREFIX)) {
            try {
              metrics.put(
                  key.substring(ModelCardKeys.METRIC_PREFIX.length()), Double.parseDouble(value));
            } catch (NumberFormatException undefined) {
              // "undefined" and other non-numbers stay in the card only.
            }
          } else if (key.startsWith(ModelCardKeys.CONFIG_PREFIX)) {
            config.put(key.substring(ModelCardKeys.CONFIG_PREFIX.length()), value);
          }
        });
    String symbols = card.getOrDefault(ModelCardKeys.SYMBOLS, card.get(ModelCardKeys.SYMBOL));
    return ModelRelease.newBuilder()
        .setModelName(line)
        .setVersion(version)
        .setSha256(ArtifactLayout.sha256(onnx))
        .setArtifact(ByteBuffer.wrap(onnx))
        .setArtifactUri(null)
        .setWindowBars(windowBars(card))
        .setInterval(
            BarInterval.parse(
                    card.getOrDefault(ModelCardKeys.INTERVAL, BarInterval.FOUR_HOURS.name()))
                .name())
        .setReleasedAt(releasedAt)
        .setTrainedFrom(cardInstant(card, ModelCardKeys.TRAINED_FROM))
        .setTrainedTo(cardInstant(card, ModelCardKeys.TRAINED_TO))
        .setValidatedFrom(cardInstant(card, ModelCardKeys.VALIDATED_FROM))
        .setValidatedTo(cardInstant(card, ModelCardKeys.VALIDATED_TO))
        .setTestedFrom(cardInstant(card, ModelCardKeys.TESTED_FROM))
        .setTestedTo(cardInstant(card, ModelCardKeys.TESTED_TO))
        .setSymbols(
            symbols == null
                ? List.of()
                : Arrays.stream(symbols.split(","))
                    .map(String::strip)
                    .filter(x -> !x.isEmpty())
                    .toList())
        .setParentVersion(card.get(ModelCardKeys.PARENT_VERSION))
        .setDataSource(card.get(ModelCardKeys.DATA_SOURCE))
        .setSeed(
            card.containsKey(ModelCardKeys.SEED)
                ? Long.parseLong(card.get(ModelCardKeys.SEED))
                : null)
        .setConfig(config)
        .setMetrics(metrics)
        .setMetadata(card)
        .build();
  }

  private static int windowBars(Map<String, String> card) {
    String value = card.get(ModelCardKeys.WINDOW_BARS);
    try {
      return Integer.parseInt(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "model card entry "
              + ModelCardKeys.WINDOW_BARS
              + " must hold W as an integer, found "
              + value,
          e);
    }
  }

  private static Instant cardInstant(Map<String, String> card, String key) {
    String value = card.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "model card entry " + key + " must be an ISO-8601 instant, found " + value, e);
    }
  }

  /** The lifecycle's view of a promotion; empty for an action this reader does not know. */
  public static Optional<Promotion> promotion(ModelPromotion promotion) {
    if (promotion.getAction() == PromotionAction.UNKNOWN) {
      return Optional.empty();
    }
    return Optional.of(
        new Promotion(
            promotion.getModelLine(),
            Promotion.Action.valueOf(promotion.getAction().name()),
            promotion.getVersion(),
            promotion.getSha256(),
            promotion.getEffectiveFrom(),
            promotion.getValidUntil(),
            promotion.getOptInSymbols(),
            promotion.getSymbols(),
            promotion.getMaxAgeBars() == null
                ? OptionalInt.empty()
                : OptionalInt.of(promotion.getMaxAgeBars()),
            promotion.getDecidedAt(),
            promotion.getActor(),
            promotion.getReason()));
  }

  /** The Avro record of a promotion. */
  public static ModelPromotion toAvro(Promotion promotion) {
    return ModelPromotion.newBuilder()
        .setModelLine(promotion.line())
        .setAction(PromotionAction.valueOf(promotion.action().name()))
        .setVersion(promotion.version())
        .setSha256(promotion.sha256())
        .setEffectiveFrom(promotion.effectiveFrom())
        .setValidUntil(promotion.validUntil())
        .setOptInSymbols(promotion.optInSymbols())
        .setSymbols(promotion.symbols())
        .setMaxAgeBars(
            promotion.maxAgeBars().isPresent() ? promotion.maxAgeBars().getAsInt() : null)
        .setDecidedAt(promotion.decidedAt())
        .setActor(promotion.actor())
        .setReason(promotion.reason())
        .build();
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
