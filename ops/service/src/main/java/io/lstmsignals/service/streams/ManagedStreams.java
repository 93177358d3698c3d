package io.lstmsignals.service.streams;

import io.lstmsignals.schemas.registry.SchemaRegistryUnavailableException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams client with the lifecycle every app of this project wants: a schema registry
 * outage replaces the stream thread (it resumes from the last commit once the registry answers,
 * losing and repeating nothing); any other uncaught exception of a stream thread shuts the whole
 * client down (a half-running processor is worse than a stopped one) and is remembered so {@code
 * main} can exit non-zero; state changes are logged; callers can wait for RUNNING and for the stop.
 * Never calls {@code cleanUp()}: local state is rebuilt from changelogs only when Streams itself
 * decides to.
 */
public final class ManagedStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagedStreams.class);

  private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

  private final String name;
  private final KafkaStreams streams;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean failed = new AtomicBoolean();

  /**
   * @param name how logs call this app, e.g. its application.id
   */
  public ManagedStreams(String name, Topology topology, Properties properties) {
    this.name = name;
    this.streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(
        e -> {
          if (SchemaRegistryUnavailableException.causes(e)) {
            log.warn(
                "Schema registry unreachable; replacing the stream thread, which resumes from the"
                    + " last commit, app={}: {}",
                name,
                e.getMessage());
            pauseBeforeRetry();
            return StreamThreadExceptionResponse.REPLACE_THREAD;
          }
          log.error("Stream thread failed; shutting down app={}", name, e);
          failed.set(true);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setStateListener(
        (now, before) -> {
          log.info("Kafka Streams state {} -> {} app={}", before, now, name);
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
          }
        });
  }

  /** A pause before a replaced thread starts again, so an outage is not retried in a tight loop. */
  private static void pauseBeforeRetry() {
    try {
      Thread.sleep(REGISTRY_RETRY.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  public void start() {
    streams.start();
  }

  /** Waits until the client is RUNNING; false if it stopped or the timeout passed first. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (stopped.getCount() == 0 || System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return true;
  }

  /** Blocks until the client stops (closed, or shut down by a failure). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Whether a stream thread failed and shut the client down. */
  public boolean failed() {
    return failed.get();
  }

  /** The client's state, for health checks. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The underlying client, for metrics binding and interactive queries. */
  public KafkaStreams client() {
    return streams;
  }

  /** Closes within the timeout, committing what was processed. */
  public void close(Duration timeout) {
    streams.close(timeout);
    stopped.countDown();
    log.info("Closed app={}", name);
  }

  /**
   * Closes within the timeout like {@link #close(Duration)}, and leaves the consumer group, so that
   * the other instances of the app take this one's partitions over at once instead of after the
   * session timeout.
   */
  public void closeLeavingGroup(Duration timeout) {
    streams.close(
        CloseOptions.timeout(timeout)
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    stopped.countDown();
    log.info("Closed app={} and left its group", name);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
