package io.lstmsignals.ops.stack;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (combined broker + controller) in a child JVM, configured for
 * one machine with two cores: one partition and replication factor 1 for every internal topic, no
 * initial rebalance delay, no topic auto-creation. Its storage is formatted only when its data dir
 * holds none yet (a durable stack's later starts reuse the log dirs and their cluster id); the
 * quorum is static ({@code controller.quorum.voters}), so a restart on other ports finds itself.
 * Not thread-safe: one starter thread uses it.
 */
final class KafkaBroker {

  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
  static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC");

  /**
   * A throw-away (test) broker compiles with C1 only, which roughly halves its start-up. A durable
   * stack's broker ({@code bin/stack up}) serves apps and benchmarks for long: it gets the full
   * JIT, as a production broker has. Measured in {@code bin/bench live}, 10,000 symbols: C1 only
   * cost 134-146 µs of the machine's CPU per bar against 104-116 µs with C2.
   */
  static final String QUICK_START_FLAG = "-XX:TieredStopAtLevel=1";

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final String HOST = StackPorts.LOOPBACK.getHostAddress();

  // Console only: ChildProcess appends the child's output to broker.log, which then also holds
  // JVM-level errors.
  private static final String LOG4J2_CONFIG =
      """
      status = warn
      appender.out.type = Console
      appender.out.name = out
      appender.out.layout.type = PatternLayout
      appender.out.layout.pattern = [%d{ISO8601}] %-5p %m (%c)%n
      rootLogger.level = INFO
      rootLogger.appenderRef.out.ref = out
      logger.request.name = kafka.request.logger
      logger.request.level = WARN
      """;

  private final int port;
  private final ChildProcess process;
  private final Map<String, Object> ownClient;
  private Admin probeAdmin;

  private KafkaBroker(int port, ChildProcess process, Map<String, Object> ownClient) {
    this.port = port;
    this.process = process;
    this.ownClient = Map.copyOf(ownClient);
  }

  /**
   * Writes server.properties and a log4j2 config into the work dir, formats the data dir unless it
   * holds a formatted one already (in a child JVM of its own, output into broker.log) and starts
   * the broker. Returns once the broker process runs, not when it is ready.
   *
   * @param dataDir the broker's log dirs: empty, or formatted by an earlier launch
   * @param security the secured stack's material, or empty for a PLAINTEXT broker
   * @param quickStart compile with C1 only (throw-away stacks), not the full JIT
   * @throws StackStartException if formatting fails or outlasts {@code deadline}
   */
  static KafkaBroker launch(
      WorkDir workDir,
      StackPorts ports,
      List<Path> classpath,
      Path dataDir,
      Optional<StackSecurity> security,
      boolean quickStart,
      Instant deadline)
      throws InterruptedException {
    Path logFile = workDir.path().resolve("broker.log");
    Path serverProperties = workDir.path().resolve("server.properties");
    Path log4jConfig = workDir.path().resolve("broker-log4j2.properties");
    Path classpathFile = workDir.path().resolve("broker-classpath.args");
    try {
      Files.writeString(
          serverProperties,
          propertiesText(serverProperties(ports, dataDir, security)),
          StandardCharsets.UTF_8);
      if (security.isPresent()) {
        StackSecurity.ownerOnly(serverProperties); // it holds the key store's password
      }
      Files.writeString(log4jConfig, LOG4J2_CONFIG, StandardCharsets.UTF_8);
      Files.writeString(classpathFile, classpathArgument(classpath), StandardCharsets.UTF_8);
      Files.writeString(logFile, "", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the broker's configuration into " + workDir.path(), e);
    }

    List<String> java = new ArrayList<>(JVM_FLAGS);
    if (quickStart) {
      java.add(QUICK_START_FLAG);
    }
    java.add("-Dlog4j2.configurationFile=" + log4jConfig.toUri());
    java.add("@" + classpathFile);

    Optional<String> clusterId = formattedClusterId(dataDir);
    if (clusterId.isPresent()) {
      log.info("Reusing the Kafka data in {} (cluster id {})", dataDir, clusterId.get());
    } else {
      format(workDir, java, serverProperties, dataDir, logFile, deadline);
    }

    List<String> broker = new ArrayList<>(java);
    broker.addAll(List.of("kafka.Kafka", serverProperties.toString()));
    return new KafkaBroker(
        ports.kafka(),
        workDir.startJava("Kafka broker", broker, workDir.path(), Map.of(), logFile),
        ownClient(ports, security));
  }

  /**
   * The settings of a client that acts as the broker itself: PLAINTEXT on the client port, or, on a
   * secured broker, its certificate on the inter-broker listener (a super user).
   */
  static Map<String, Object> ownClient(StackPorts ports, Optional<StackSecurity> security) {
    Map<String, Object> config = new LinkedHashMap<>();
    if (security.isEmpty()) {
      config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + ports.kafka());
      return config;
    }
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + ports.internal());
    config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SSL");
    config.putAll(security.get().brokerTls());
    return config;
  }

  /** The settings of a client acting as the broker itself (see {@link #ownClient}). */
  Map<String, Object> ownClient() {
    return ownClient;
  }

  /**
   * The cluster id of a data dir that {@code kafka-storage format} prepared (its meta.properties),
   * or empty for a dir that was never formatted.
   */
  static Optional<String> formattedClusterId(Path dataDir) {
    Path meta = dataDir.resolve("meta.properties");
    if (!Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + meta, e);
    }
    String id = properties.getProperty("cluster.id");
    if (id == null || id.isBlank()) {
      throw new StackStartException(
          meta
              + " names no cluster.id: the Kafka data in "
              + dataDir
              + " is damaged; start with --fresh to wipe it");
    }
    return Optional.of(id);
  }

  private static void format(
      WorkDir workDir,
      List<String> java,
      Path serverProperties,
      Path dataDir,
      Path logFile,
      Instant deadline)
      throws InterruptedException {
    String clusterId = Uuid.randomUuid().toString();
    log.info("Formatting the Kafka data dir {} (new cluster id {})", dataDir, clusterId);
    List<String> format = new ArrayList<>(java);
    format.addAll(
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "--cluster-id",
            clusterId,
            "--config",
            serverProperties.toString()));
    ChildProcess formatter =
        workDir.startJava("Kafka storage format", format, workDir.path(), Map.of(), logFile);
    if (!formatter.awaitExit(Duration.between(Instant.now(), deadline))) {
      formatter.requestStop();
      formatter.awaitStop(Duration.ofSeconds(5));
      throw new StackStartException(
          "formatting the Kafka data dir "
              + dataDir
              + " did not finish within the start"
              + " timeout; last lines of "
              + logFile
              + ":\n"
              + formatter.logTail());
    }
    if (formatter.exitCode() != 0) {
      throw formatter.diedDuringStart();
    }
  }

  String bootstrapServers() {
    return HOST + ":" + port;
  }

  ChildProcess process() {
    return process;
  }

  /**
   * Whether the broker serves clients: its port accepts connections (cheap, and spares the log the
   * Admin client's connection warnings) and an Admin client's describeCluster lists a node.
   */
  boolean isReady() throws InterruptedException {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(StackPorts.LOOPBACK, port), (int) PROBE_TIMEOUT.toMillis());
    } catch (IOException notListeningYet) {
      return false;
    }
    if (probeAdmin == null) {
      Map<String, Object> config = new LinkedHashMap<>(ownClient);
      config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
      config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
      probeAdmin = Admin.create(config);
    }
    try {
      return !probeAdmin
          .describeCluster()
          .nodes()
          .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .isEmpty();
    } catch (ExecutionException | TimeoutException notServingYet) {
      return false;
    }
  }

  /** Releases the readiness probe's client; the broker keeps running. */
  void closeProbe() {
    if (probeAdmin != null) {
      probeAdmin.close(Duration.ofSeconds(1));
      probeAdmin = null;
    }
  }

  /** The broker's configuration: KRaft combined mode on 127.0.0.1, sized for one node. */
  static Properties serverProperties(StackPorts ports, Path dataDir) {
    return serverProperties(ports, dataDir, Optional.empty());
  }

  /**
   * The broker's configuration: KRaft combined mode on 127.0.0.1, sized for one node. Secured: a
   * SASL_SSL client listener (SCRAM-SHA-512) on the client port, an SSL inter-broker listener and
   * an SSL controller listener that both require the broker's own certificate, KRaft's
   * StandardAuthorizer denying whatever no ACL allows, and the broker and {@value
   * StackSecurity#ADMIN} as super users.
   */
  static Properties serverProperties(
      StackPorts ports, Path dataDir, Optional<StackSecurity> security) {
    String controller = HOST + ":" + ports.controller();
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    // A static quorum: the voter is named by this config at every start, not recorded in the log
    // at format time, so a durable data dir survives a restart on another controller port.
    p.setProperty("controller.quorum.voters", "1@" + controller);
    p.setProperty("controller.listener.names", "CONTROLLER");
    if (security.isEmpty()) {
      String plaintext = "PLAINTEXT://" + HOST + ":" + ports.kafka();
      p.setProperty("listeners", plaintext + ",CONTROLLER://" + controller);
      p.setProperty("advertised.listeners", plaintext);
      p.setProperty("inter.broker.listener.name", "PLAINTEXT");
      p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    } else {
      String clients = "CLIENTS://" + HOST + ":" + ports.kafka();
      String internal = "INTERNAL://" + HOST + ":" + ports.internal();
      p.setProperty("listeners", clients + "," + internal + ",CONTROLLER://" + controller);
      p.setProperty("advertised.listeners", clients + "," + internal);
      p.setProperty("inter.broker.listener.name", "INTERNAL");
      p.setProperty(
          "listener.security.protocol.map", "CLIENTS:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL");
      p.setProperty("sasl.enabled.mechanisms", StackSecurity.SASL_MECHANISM);
      p.setProperty("listener.name.clients.sasl.enabled.mechanisms", StackSecurity.SASL_MECHANISM);
      p.setProperty(
          "listener.name.clients.scram-sha-512.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      p.setProperty("listener.name.internal.ssl.client.auth", "required");
      p.setProperty("listener.name.controller.ssl.client.auth", "required");
      security.get().brokerTls().forEach(p::setProperty);
      p.setProperty(
          "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
      p.setProperty("allow.everyone.if.no.acl.found", "false");
      p.setProperty(
          "super.users", "User:" + StackSecurity.BROKER_DN + ";User:" + StackSecurity.ADMIN);
    }
    p.setProperty("log.dirs", dataDir.toAbsolutePath().toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // One partition and one replica per internal topic: a single broker cannot meet the default RF
    // 3, and the
    // default 50 partitions make start-up and Streams slow on two cores.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.num.partitions", "1");
    return p;
  }

  // An argument file keeps the command line short: ps stays readable, and Linux shows the JDK
  // (ProcessHandle.Info)
  // only the first 4 KB of a command line, which WorkDir needs whole to recognise a leftover child.
  private static String classpathArgument(List<Path> classpath) {
    String joined =
        classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    return "-cp\n\"" + joined.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
  }

  // Properties.store would escape every ':' in the listener URLs; this stays readable (values hold
  // no backslash
  // except in Windows paths, escaped here).
  private static String propertiesText(Properties properties) {
    StringBuilder text =
        new StringBuilder("# Written by the local stack (ops/stack KafkaBroker) at each start.\n");
    properties.stringPropertyNames().stream()
        .sorted()
        .forEach(
            key ->
                text.append(key)
                    .append('=')
                    .append(properties.getProperty(key).replace("\\", "\\\\"))
                    .append('\n'));
    return text.toString();
  }
}
