package io.lstmsignals.ops.testkit;

import io.lstmsignals.ops.stack.ApicurioRegistry;
import io.lstmsignals.ops.stack.ContainerStackFactory;
import io.lstmsignals.ops.stack.LocalStack;
import io.lstmsignals.ops.stack.RegistryAdmin;
import io.lstmsignals.ops.stack.Stack;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.StackStartException;
import io.lstmsignals.ops.stack.Stacks;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The same broker and registry as {@link LocalStack}, as Docker containers through Testcontainers:
 * the {@value #KAFKA_IMAGE} image (KRaft, single node) and {@value #REGISTRY_IMAGE}, started in
 * parallel, with the registry's global compatibility set to BACKWARD. For users who have a Docker
 * engine; {@link #close()} removes both containers. (Not exercised by this project's own runs,
 * whose machine has no Docker engine.)
 */
public final class ContainerStack implements Stack {

  /** The service {@link Stacks} finds for {@code LSTM_STACK=containers}. */
  public static final class Factory implements ContainerStackFactory {
    @Override
    public Stack start() {
      return ContainerStack.start();
    }
  }

  static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
  static final String REGISTRY_IMAGE = "apicurio/apicurio-registry:3.3.3";
  private static final int REGISTRY_PORT = 8080;
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
  private static final Logger log = LoggerFactory.getLogger(ContainerStack.class);

  private final KafkaContainer kafka;
  private final GenericContainer<?> registry;
  private final StackEndpoints endpoints;

  private ContainerStack(
      KafkaContainer kafka, GenericContainer<?> registry, StackEndpoints endpoints) {
    this.kafka = kafka;
    this.registry = registry;
    this.endpoints = endpoints;
  }

  /**
   * Pulls (if needed) and starts both containers and waits until Kafka is up and the registry
   * answers {@code GET /apis/ccompat/v7/subjects}.
   *
   * @throws StackStartException if Docker is unreachable or a container does not start
   */
  public static ContainerStack start() {
    KafkaContainer kafka =
        new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
            // Same sizing as the local broker (KafkaBroker): one partition, one replica per
            // internal topic.
            .withEnv(
                Map.of(
                    "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false",
                    "KAFKA_NUM_PARTITIONS", "1",
                    "KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "1",
                    "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_NUM_PARTITIONS", "1",
                    "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1",
                    "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1"))
            .withStartupTimeout(STARTUP_TIMEOUT);
    GenericContainer<?> registry =
        new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
            .withExposedPorts(REGISTRY_PORT)
            .waitingFor(
                Wait.forHttp(ApicurioRegistry.CCOMPAT_PATH + "/subjects")
                    .forPort(REGISTRY_PORT)
                    .forStatusCode(200))
            .withStartupTimeout(STARTUP_TIMEOUT);
    try {
      Startables.deepStart(kafka, registry).join();
      StackEndpoints endpoints =
          new StackEndpoints(
              kafka.getBootstrapServers(),
              "http://"
                  + registry.getHost()
                  + ":"
                  + registry.getMappedPort(REGISTRY_PORT)
                  + ApicurioRegistry.CCOMPAT_PATH);
      new RegistryAdmin(endpoints.registryUrl(), Duration.ofSeconds(10))
          .setGlobalCompatibility(LocalStack.COMPATIBILITY);
      log.info("Container stack ready: {}", endpoints);
      return new ContainerStack(kafka, registry, endpoints);
    } catch (InterruptedException e) {
      stopBoth(kafka, registry);
      Thread.currentThread().interrupt();
      throw new StackStartException("interrupted while starting the container stack", e);
    } catch (RuntimeException e) {
      stopBoth(kafka, registry);
      Throwable reason =
          e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new StackStartException(
          "the container stack ("
              + KAFKA_IMAGE
              + ", "
              + REGISTRY_IMAGE
              + ") could not"
              + " start: "
              + reason.getMessage()
              + ". It needs a running Docker engine; without one use "
              + Stacks.KIND_ENV
              + "=local (child JVMs, no Docker)",
          e);
    }
  }

  @Override
  public StackEndpoints endpoints() {
    return endpoints;
  }

  /** Stops and removes both containers. Idempotent. */
  @Override
  public void close() {
    stopBoth(kafka, registry);
  }

  private static void stopBoth(KafkaContainer kafka, GenericContainer<?> registry) {
    registry.stop();
    kafka.stop();
  }
}
