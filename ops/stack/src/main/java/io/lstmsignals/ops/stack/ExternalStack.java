package io.lstmsignals.ops.stack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker and registry that are already running (started by {@code bin/stack up}, by CI, or by
 * Docker), named by the env vars {@value #BOOTSTRAP_SERVERS_ENV} and {@value #REGISTRY_URL_ENV}.
 * Connecting checks that both answer; {@link #close()} leaves them running. The registry's settings
 * are not changed: start it with global compatibility BACKWARD (bin/stack up and docker-compose.yml
 * do).
 */
public final class ExternalStack implements Stack {

  public static final String BOOTSTRAP_SERVERS_ENV = "LSTM_STACK_BOOTSTRAP_SERVERS";
  public static final String REGISTRY_URL_ENV = "LSTM_STACK_REGISTRY_URL";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  private static final Logger log = LoggerFactory.getLogger(ExternalStack.class);

  private final StackEndpoints endpoints;

  private ExternalStack(StackEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** Connects to the stack named by the two env vars, allowing each 15 s to answer. */
  public static ExternalStack fromEnvironment() {
    return connect(endpointsFrom(System.getenv()), DEFAULT_TIMEOUT);
  }

  /**
   * Connects to a running stack after checking that the broker lists a node in describeCluster and
   * the registry answers {@code GET /subjects} with 200, each within {@code timeout}.
   *
   * @throws StackStartException naming the endpoint that did not answer
   */
  public static ExternalStack connect(StackEndpoints endpoints, Duration timeout) {
    requireBroker(endpoints.bootstrapServers(), timeout);
    try {
      RegistryAdmin registry = new RegistryAdmin(endpoints.registryUrl(), timeout);
      if (!registry.answers()) {
        throw new StackStartException(
            "schema registry at "
                + endpoints.registryUrl()
                + " ("
                + REGISTRY_URL_ENV
                + ") did not answer GET /subjects with HTTP 200 within "
                + timeout.toSeconds()
                + " s; is it running,"
                + " and is the URL the Confluent-compatible base (for Apicurio .../apis/ccompat/v7)?");
      }
      String compatibility = registry.globalCompatibility();
      if (!LocalStack.COMPATIBILITY.equals(compatibility)) {
        log.warn(
            "Schema registry at {} has global compatibility {}, not {}: incompatible schema changes may be"
                + " accepted",
            endpoints.registryUrl(),
            compatibility,
            LocalStack.COMPATIBILITY);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException(
          "interrupted while checking the schema registry at " + endpoints.registryUrl(), e);
    }
    log.info("Using the running stack {}", endpoints);
    return new ExternalStack(endpoints);
  }

  /**
   * Reads the endpoints from {@code environment}.
   *
   * @throws StackStartException if either variable is missing, naming it
   */
  static StackEndpoints endpointsFrom(Map<String, String> environment) {
    String bootstrap = environment.get(BOOTSTRAP_SERVERS_ENV);
    String registry = environment.get(REGISTRY_URL_ENV);
    if (bootstrap == null || bootstrap.isBlank() || registry == null || registry.isBlank()) {
      throw new StackStartException(
          "an external stack needs both "
              + BOOTSTRAP_SERVERS_ENV
              + " (host:port) and "
              + REGISTRY_URL_ENV
              + " (http://host:port/apis/ccompat/v7); got "
              + BOOTSTRAP_SERVERS_ENV
              + "='"
              + (bootstrap == null ? "" : bootstrap)
              + "', "
              + REGISTRY_URL_ENV
              + "='"
              + (registry == null ? "" : registry)
              + "'. bin/stack up prints both.");
    }
    return new StackEndpoints(bootstrap, registry);
  }

  @Override
  public StackEndpoints endpoints() {
    return endpoints;
  }

  /** Does nothing: the stack belongs to whoever started it. */
  @Override
  public void close() {
    // Not ours to stop.
  }

  private static void requireBroker(String bootstrapServers, Duration timeout) {
    Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    (int) Math.min(timeout.toMillis(), 5_000)));
    try {
      if (admin
          .describeCluster()
          .nodes()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .isEmpty()) {
        throw new StackStartException(
            "Kafka at "
                + bootstrapServers
                + " ("
                + BOOTSTRAP_SERVERS_ENV
                + ") answered describeCluster with no nodes");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new StackStartException(
          "Kafka at "
              + bootstrapServers
              + " ("
              + BOOTSTRAP_SERVERS_ENV
              + ") did not answer"
              + " describeCluster within "
              + timeout.toSeconds()
              + " s; is it running? ("
              + e
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException("interrupted while checking Kafka at " + bootstrapServers, e);
    } finally {
      admin.close(
          Duration.ofSeconds(1)); // a short close: a dead broker must not add another timeout
    }
  }
}
