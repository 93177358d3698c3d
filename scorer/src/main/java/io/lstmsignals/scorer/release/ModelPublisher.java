package io.lstmsignals.scorer.release;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a trained artifact to the models topic as a {@link ModelRelease} keyed by model name,
 * after checking it the way a scorer will (contract and smoke inference), so a bad artifact is
 * caught before it is released.
 */
public final class ModelPublisher {
  private static final Logger log = LoggerFactory.getLogger(ModelPublisher.class);

  private ModelPublisher() {}

  /**
   * Builds the release of an artifact directory.
   *
   * @param version the release version; the card's lstm.version when null
   */
  public static ModelRelease releaseOf(
      ArtifactDirectory artifact, String modelName, String version, Instant releasedAt) {
    String resolvedVersion =
        version != null
            ? version
            : artifact
                .entry(ArtifactDirectory.VERSION_KEY)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "Artifact "
                                + artifact.directory()
                                + " has no "
                                + ArtifactDirectory.VERSION_KEY
                                + " in its card; pass --model-version"));
    try (OnnxScorer verified =
        OnnxScorer.load(
            artifact.asArtifact(modelName, resolvedVersion), OnnxRuntimeOptions.cpu())) {
      log.info(
          "Verified artifact dir={} model={} version={} windowBars={}",
          artifact.directory(),
          modelName,
          resolvedVersion,
          verified.windowBars());
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    artifact
        .card()
        .forEach(
            (key, value) -> {
              if (key.startsWith(ArtifactDirectory.METRIC_PREFIX)) {
                try {
                  metrics.put(
                      key.substring(ArtifactDirectory.METRIC_PREFIX.length()),
                      Double.parseDouble(value));
                } catch (NumberFormatException e) {
                  log.debug(
                      "Metric key={} value={} is not a number; kept in metadata only", key, value);
                }
              }
            });
    return ModelRelease.newBuilder()
        .setModelName(modelName)
        .setVersion(resolvedVersion)
        .setSha256(artifact.sha256())
        .setArtifact(ByteBuffer.wrap(artifact.onnx()))
        .setArtifactUri(null)
        .setWindowBars(artifact.windowBars())
        .setInterval(interval(artifact))
        .setReleasedAt(releasedAt)
        .setTrainedFrom(instant(artifact, ArtifactDirectory.TRAINED_FROM_KEY))
        .setTrainedTo(instant(artifact, ArtifactDirectory.TRAINED_TO_KEY))
        .setMetrics(metrics)
        .setMetadata(artifact.card())
        .build();
  }

  /** The card's interval in the release's exchange notation; the trainer writes ISO-8601 (PT4H). */
  private static String interval(ArtifactDirectory artifact) {
    String value = artifact.entry(ArtifactDirectory.INTERVAL_KEY).orElse("4h");
    if (!value.startsWith("P")) {
      return value;
    }
    try {
      return ScorerConfig.intervalName(Duration.parse(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Artifact "
              + artifact.directory()
              + ": "
              + ArtifactDirectory.INTERVAL_KEY
              + " '"
              + value
              + "' is neither exchange notation (4h) nor ISO-8601",
          e);
    }
  }

  private static Instant instant(ArtifactDirectory artifact, String key) {
    try {
      return artifact.entry(key).map(Instant::parse).orElse(null);
    } catch (DateTimeParseException e) {
      log.warn("Card entry key={} is not an ISO instant; leaving it out of the release", key);
      return null;
    }
  }

  /**
   * Sends a release and waits for the broker's acknowledgement. The producer's max.request.size is
   * raised to {@link Topics#MODEL_MAX_BYTES}, since the artifact rides inline.
   *
   * @return where the release landed
   */
  public static RecordMetadata publish(
      ModelRelease release, String bootstrapServers, String registryUrl, String topic)
      throws InterruptedException, ExecutionException {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODEL_MAX_BYTES);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * Topics.MODEL_MAX_BYTES);
    config.put("schema.registry.url", registryUrl);
    AvroSerializer<ModelRelease> serializer = new AvroSerializer<>();
    serializer.configure(config, false);
    try (KafkaProducer<String, ModelRelease> producer =
        new KafkaProducer<>(config, new StringSerializer(), serializer)) {
      RecordMetadata meta =
          producer.send(new ProducerRecord<>(topic, release.getModelName(), release)).get();
      log.info(
          "Released model={} version={} sha256={} to tp={}-{}@{}",
          release.getModelName(),
          release.getVersion(),
          release.getSha256(),
          meta.topic(),
          meta.partition(),
          meta.offset());
      return meta;
    }
  }
}
