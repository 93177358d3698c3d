package io.lstmsignals.ops.stack;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka 4.3 broker (KRaft, combined broker + controller) and a real Apicurio Registry 3.3,
 * each in a child JVM on 127.0.0.1, run by the same {@code java} as this JVM. {@link
 * #start(LocalStackOptions)} returns once the broker lists itself in describeCluster and the
 * registry answers {@code GET /subjects}, with the registry's global compatibility set to BACKWARD.
 * Logs go to broker.log and registry.log in the work dir, data to {@value #KAFKA_DATA} and {@value
 * #REGISTRY_DATA} there (kept between starts when {@link LocalStackOptions#durable()}). {@link
 * #close()} stops both (SIGTERM, then a kill after 15 s); a JVM shutdown hook does the same if the
 * caller never closes it. Thread-safe.
 */
public final class LocalStack implements Stack {

  /** Apicurio Registry 3.3 is compiled for Java 21. */
  static final int MINIMUM_JAVA = 21;

  /** The registry's global compatibility level on every stack this project starts. */
  public static final String COMPATIBILITY = "BACKWARD";

  /** The broker's log dirs, under the work dir. */
  public static final String KAFKA_DATA = "kafka-data";

  /** The registry's database, under the work dir. */
  public static final String REGISTRY_DATA = "registry-data";

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final WorkDir workDir;
  private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
  private volatile StackSecurity security;
  private volatile RegistryProxy proxy;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook = new Thread(this::close, "lstm-stack-shutdown");
  private volatile StackEndpoints endpoints;

  private LocalStack(WorkDir workDir) {
    this.workDir = workDir;
  }

  /** Starts a stack with {@link LocalStackOptions#defaults()}. */
  public static LocalStack start() {
    return start(LocalStackOptions.defaults());
  }

  /**
   * Starts a broker and (unless disabled) a registry and waits until both serve.
   *
   * @throws StackStartException if the JDK is older than 21 or a requested port is taken (both
   *     checked before anything starts), if a child exits while starting (with its exit code and
   *     the end of its log), or if the stack is not ready within {@link
   *     LocalStackOptions#startTimeout()}; whatever was started is stopped again
   */
  public static LocalStack start(LocalStackOptions options) {
    requireSupportedJava(Runtime.version());
    StackArtifacts artifacts = StackArtifacts.load();
    StackPorts ports = StackPorts.allocate(options.kafkaPort(), options.registryPort());
    LocalStack stack = new LocalStack(WorkDir.claim(options.workDir()));
    Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    try {
      stack.boot(options, artifacts, ports);
      return stack;
    } catch (InterruptedException e) {
      stack.close();
      Thread.currentThread().interrupt();
      throw new StackStartException(
          "interrupted while starting the local stack in " + stack.workDir.path(), e);
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  @Override
  public StackEndpoints endpoints() {
    StackEndpoints ready = endpoints;
    if (ready == null || closed.get()) {
      throw new IllegalStateException(
          "LocalStack in " + workDir.path() + " is " + (closed.get() ? "closed" : "not started"));
    }
    return ready;
  }

  /**
   * The secured stack's users, passwords, truststore and client settings; empty for a PLAINTEXT
   * stack.
   */
  public Optional<StackSecurity> security() {
    return Optional.ofNullable(security);
  }

  /** The directory holding broker.log, registry.log and the broker's and registry's data. */
  public Path workDir() {
    return workDir.path();
  }

  /**
   * Blocks until one of the stack's processes exits. Returns what exited, with its exit code and
   * log file, when that happened while the stack was open (it crashed or was killed from outside),
   * or empty when {@link #close()} stopped it.
   */
  public Optional<String> awaitProcessExit() throws InterruptedException {
    try {
      CompletableFuture.anyOf(
              children.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new))
          .get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for the local stack's processes failed", e);
    }
    if (closed.get()) {
      return Optional.empty();
    }
    return children.stream()
        .filter(child -> !child.isAlive())
        .findFirst()
        .map(
            child ->
                child.name()
                    + " (pid "
                    + child.pid()
                    + ") exited with code "
                    + child.exitCode()
                    + "; see "
                    + child.logFile());
  }

  /**
   * Stops the registry and the broker and waits until they are gone. Idempotent; called by the
   * shutdown hook too.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException jvmShuttingDown) {
        // The hook is running or about to; this close() got here first and does the work.
      }
    }
    long started = System.nanoTime();
    if (proxy != null) {
      proxy.close();
    }
    workDir.close(STOP_GRACE);
    log.info(
        "Local stack stopped in {} ms (logs stay in {})",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        workDir.path());
  }

  /**
   * Fails unless the running JDK is at least {@value #MINIMUM_JAVA}: the children run on this JVM's
   * {@code java}. (This module is compiled for release 21, so an older JVM usually fails earlier
   * with UnsupportedClassVersionError; the check keeps the requirement, and what to do about it,
   * explicit.)
   */
  static void requireSupportedJava(Runtime.Version version) {
    if (version.feature() < MINIMUM_JAVA) {
      throw new StackStartException(
          "the local stack needs Java "
              + MINIMUM_JAVA
              + " or newer (Apicurio Registry"
              + " 3.3 is built for it), but runs on Java "
              + version
              + " from "
              + System.getProperty("java.home")
              + "; point JAVA_HOME at a JDK >= "
              + MINIMUM_JAVA
              + " (bin/jdk.sh finds one)");
    }
  }

  private void boot(LocalStackOptions options, StackArtifacts artifacts, StackPorts ports)
      throws InterruptedException {
    long started = System.nanoTime();
    Instant deadline = Instant.now().plus(options.startTimeout());
    requireSameKind(options);
    if (options.secure()) {
      security =
          StackSecurity.prepare(
              workDir.data(StackSecurity.DIRECTORY, options), options.secureUsers());
    }
    log.info(
        "Starting local stack: Kafka {} on 127.0.0.1:{}{}{}; logs and {} data in {}",
        artifacts.kafkaVersion(),
        ports.kafka(),
        options.startRegistry()
            ? ", Apicurio Registry "
                + artifacts.registryVersion()
                + " on 127.0.0.1:"
                + ports.registry()
            : "",
        options.secure() ? " (secured: SASL_SSL, ACLs, registry behind TLS + basic auth)" : "",
        options.durable() ? "durable" : "throw-away",
        workDir.path());
    List<Readiness> readiness = new ArrayList<>();
    ApicurioRegistry registry = null;
    if (options.startRegistry()) {
      Path distribution =
          RegistryDistribution.unpacked(
              artifacts.registryArchive(),
              artifacts.registryVersion(),
              RegistryDistribution.cacheRoot(System.getenv()));
      registry =
          ApicurioRegistry.launch(
              workDir,
              ports,
              options.secure() ? ports.registryInternal() : ports.registry(),
              distribution,
              workDir.data(REGISTRY_DATA, options));
      children.add(registry.process());
      readiness.add(new Readiness(registry.process(), registry::isReady, registry.registryUrl()));
    }
    KafkaBroker broker =
        KafkaBroker.launch(
            workDir,
            ports,
            artifacts.brokerClasspath(),
            workDir.data(KAFKA_DATA, options),
            security(),
            !options.durable(),
            deadline);
    children.add(broker.process());
    readiness.add(new Readiness(broker.process(), broker::isReady, broker.bootstrapServers()));
    try {
      awaitReady(readiness, deadline, started, options.startTimeout());
    } finally {
      broker.closeProbe();
    }
    if (registry != null) {
      registry.setGlobalCompatibility(COMPATIBILITY);
    }
    String registryUrl = registry == null ? null : registry.registryUrl();
    if (security != null) {
      security.createUsers(broker.ownClient(), broker.bootstrapServers(), deadline);
      if (registry != null) {
        proxy =
            RegistryProxy.start(
                new InetSocketAddress(StackPorts.LOOPBACK, ports.registry()),
                security.serverContext(),
                URI.create("http://127.0.0.1:" + ports.registryInternal()),
                security.passwords());
        registryUrl =
            "https://"
                + StackPorts.LOOPBACK.getHostAddress()
                + ":"
                + ports.registry()
                + ApicurioRegistry.CCOMPAT_PATH;
      }
    }
    endpoints =
        registryUrl == null
            ? StackEndpoints.brokerOnly(broker.bootstrapServers())
            : new StackEndpoints(broker.bootstrapServers(), registryUrl);
    log.info(
        "Local stack ready in {} ms: {}",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        endpoints);
  }

  /**
   * Refuses to start a durable stack on data made by the other kind (a secured stack's broker holds
   * its users and ACLs in its metadata; a PLAINTEXT one has neither).
   */
  private void requireSameKind(LocalStackOptions options) {
    if (!options.durable() || options.fresh()) {
      return;
    }
    boolean formatted =
        KafkaBroker.formattedClusterId(workDir.path().resolve(KAFKA_DATA)).isPresent();
    boolean wasSecure = StackSecurity.existsIn(workDir.path());
    if (formatted && wasSecure != options.secure()) {
      throw new StackStartException(
          "the data in "
              + workDir.path()
              + " was made by a "
              + (wasSecure ? "secured" : "PLAINTEXT")
              + " stack: start it "
              + (wasSecure ? "with --secure" : "without --secure")
              + " again, or with --fresh to start from nothing");
    }
  }

  /**
   * Polls every pending probe until all pass; fails at once when any child exits, or at the
   * deadline.
   */
  private void awaitReady(
      List<Readiness> readiness, Instant deadline, long started, Duration timeout)
      throws InterruptedException {
    List<Readiness> pending = new ArrayList<>(readiness);
    CompletableFuture<Object> anyExit =
        CompletableFuture.anyOf(
            children.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new));
    while (true) {
      for (ChildProcess child : children) {
        if (!child.isAlive()) {
          throw child.diedDuringStart();
        }
      }
      for (Iterator<Readiness> it = pending.iterator(); it.hasNext(); ) {
        Readiness next = it.next();
        if (next.probe().isReady()) {
          log.info(
              "{} ready at {} after {} ms (pid={}, log {})",
              next.child().name(),
              next.endpoint(),
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
              next.child().pid(),
              next.child().logFile());
          it.remove();
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        Readiness late = pending.getFirst();
        throw new StackStartException(
            late.child().name()
                + " (pid "
                + late.child().pid()
                + ") was not ready at "
                + late.endpoint()
                + " within the start timeout of "
                + timeout.toSeconds()
                + " s (raise it with"
                + " LocalStackOptions.withStartTimeout); last lines of "
                + late.child().logFile()
                + ":\n"
                + late.child().logTail());
      }
      try {
        anyExit.get(
            POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS); // returns early only if a child exits
      } catch (TimeoutException | ExecutionException stillRunning) {
        // Poll again.
      }
    }
  }

  private interface Probe {
    boolean isReady() throws InterruptedException;
  }

  private record Readiness(ChildProcess child, Probe probe, String endpoint) {}
}
