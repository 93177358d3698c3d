package io.lstmsignals.ingest.publish;

import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.pipeline.BarSink;
import io.lstmsignals.ingest.pipeline.Rejection;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes bars to the bars topic, keyed by symbol with the bar's close time as record timestamp,
 * and rejections to its dead-letter topic. One idempotent producer ({@code acks=all}) carries both,
 * so a broker retry never duplicates or reorders a bar.
 *
 * <p>Sends are asynchronous; the first failed send fails the next call (and {@link #flush}),
 * because skipping a bar would leave a hole that a resume could not see. Not thread-safe; the owner
 * closes it.
 */
public final class KafkaBarSink implements BarSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaBarSink.class);

  private final Producer<String, SpecificRecord> producer;
  private final String barsTopic;
  private final String deadLetterTopic;
  private final Clock clock;
  private final MeterRegistry meters;
  private final KafkaClientMetrics producerMetrics;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback onSent =
      (metadata, exception) -> {
        if (exception != null && failure.compareAndSet(null, exception)) {
          log.error("Send failed topic={}", metadata == null ? "?" : metadata.topic(), exception);
        }
      };

  /**
   * @param producerConfig from {@link KafkaEndpoints#producer}
   * @param meters receives {@code ingest.bars.published} and {@code ingest.dead.letters} (tag
   *     symbol) and the producer's metrics
   */
  public KafkaBarSink(
      Map<String, Object> producerConfig,
      String barsTopic,
      String deadLetterTopic,
      Clock clock,
      MeterRegistry meters) {
    AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
    values.configure(producerConfig, false);
    this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), values);
    this.barsTopic = barsTopic;
    this.deadLetterTopic = deadLetterTopic;
    this.clock = clock;
    this.meters = meters;
    this.producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(meters);
  }

  @Override
  public void publish(OhlcvBar bar, String source) {
    throwIfFailed();
    producer.send(
        new ProducerRecord<>(
            barsTopic,
            null,
            bar.closeTime().toEpochMilli(),
            bar.symbol(),
            BarRecords.toAvro(bar, source)),
        onSent);
    meters.counter("ingest.bars.published", "symbol", bar.symbol()).increment();
  }

  @Override
  public void reject(Rejection rejection) {
    throwIfFailed();
    Instant now = clock.instant();
    producer.send(
        new ProducerRecord<>(
            deadLetterTopic,
            null,
            now.toEpochMilli(),
            rejection.symbol(),
            BarRecords.toDeadLetter(rejection, now)),
        onSent);
    meters
        .counter(
            "ingest.dead.letters",
            "symbol",
            rejection.symbol() == null ? "unknown" : rejection.symbol())
        .increment();
  }

  /** Waits until everything sent so far is acknowledged. */
  public void flush() {
    producer.flush();
    throwIfFailed();
  }

  private void throwIfFailed() {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException(
          "Publishing to "
              + barsTopic
              + " failed, stopping so that no bar is skipped: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    producerMetrics.close();
    producer.close();
  }
}
