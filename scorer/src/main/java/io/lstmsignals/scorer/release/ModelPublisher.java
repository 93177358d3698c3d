package io.lstmsignals.scorer.release;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import java.nio.ByteBuffer;
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
                .entry(ModelCardKeys.VERSION)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "Artifact "
                                + artifact.directory()
                                + " has no "
                                + ModelCardKeys.VERSION
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
              if (key.startsWith(ModelCardKeys.METRIC_PREFIX)) {
                try {
                  metrics.put(
                      key.substring(ModelCardKeys.METRIC_PREFIX.length()),
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
        .setTrainedFrom(instant(artifact, ModelCardKeys.TRAINED_FROM))
        .setTrainedTo(instant(artifact, ModelCardKeys.TRAINED_TO))
        .setMetrics(metrics)
        .setMetadata(artifact.card())
        .build();
  }

  /** The card's interval, checked against the supported exchange notation. */
  private static String interval(ArtifactDirectory artifact) {
    String value = artifact.entry(ModelCardKeys.INTERVAL).orElse(BarInterval.FOUR_HOURS.name());
    try {
      return BarInterval.parse(value).name();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Artifact "
              + artifact.directory()
              + ": "
              + ModelCardKeys.INTERVAL
              + ": "
              + e.getMessage(),
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
   * @param clientConfig the brokers and any security settings
   * @param serdeConfig the registry and any access settings
   * @return where the release landed
   */
  public static RecordMetadata publish(
      ModelRelease release,
      Map<String, Object> clientConfig,
      Map<String, Object> serdeConfig,
      String topic)
      throws InterruptedException, ExecutionException {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODEL_MAX_BYTES);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * Topics.MODEL_MAX_BYTES);
    config.putAll(serdeConfig);
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
