package io.lstmsignals.bench.scorer;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What an end-to-end benchmark runs on its topics: the scorer service itself ({@link ServicePath}),
 * or a probe that swaps one part of it to price that part ({@link ProbePath}).
 */
interface ScoringPath extends AutoCloseable {

  /** In words, for the report. */
  String describe();

  /**
   * The Streams client, not yet started, e.g. to register a restore listener before {@link #start}.
   */
  KafkaStreams streams();

  /**
   * Starts and waits until Streams runs.
   *
   * @throws IllegalStateException if the model does not serve or Streams does not reach RUNNING
   *     within the timeout
   */
  void start(Duration timeout) throws InterruptedException;

  @Override
  void close();
}
