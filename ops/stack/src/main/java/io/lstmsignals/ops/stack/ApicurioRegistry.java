package io.lstmsignals.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Apicurio Registry in a child JVM on 127.0.0.1, with its Confluent-compatible API at {@value
 * #CCOMPAT_PATH}. It stores schemas in its SQL storage on an H2 database file in the stack's data
 * dir, so a restarted registry serves every earlier schema under its old id and never hands an id
 * out twice (its default, in-memory H2, starts again at id 1). Its management interface cannot be
 * switched off at run time (build-time property), so it gets a free loopback port of its own
 * instead of the default 0.0.0.0:9000.
 */
public final class ApicurioRegistry {

  /** Where Apicurio serves the Confluent-compatible API. */
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

  static final List<String> JVM_FLAGS =
      List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final String registryUrl;
  private final ChildProcess process;
  private final RegistryAdmin admin;

  private ApicurioRegistry(String registryUrl, ChildProcess process) {
    this.registryUrl = registryUrl;
    this.process = process;
    this.admin = new RegistryAdmin(registryUrl, PROBE_TIMEOUT);
  }

  /**
   * Starts the registry from an unpacked distribution; returns once the process runs, not when it
   * is ready.
   *
   * @param port the registry's HTTP port on 127.0.0.1 (on a secured stack, the loopback port behind
   *     its TLS proxy)
   * @param dataDir where the registry's database file lives (created by the first start)
   */
  static ApicurioRegistry launch(
      WorkDir workDir, StackPorts ports, int port, Path distribution, Path dataDir) {
    Path logFile = workDir.path().resolve("registry.log");
    try {
      Files.writeString(logFile, "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logFile, e);
    }
    String host = StackPorts.LOOPBACK.getHostAddress();
    Map<String, String> environment =
        Map.of(
            "QUARKUS_HTTP_HOST",
            host,
            "QUARKUS_HTTP_PORT",
            Integer.toString(port),
            "QUARKUS_MANAGEMENT_HOST",
            host,
            "QUARKUS_MANAGEMENT_PORT",
            Integer.toString(ports.management()),
            "APICURIO_STORAGE_KIND",
            "sql",
            "APICURIO_STORAGE_SQL_KIND",
            "h2",
            "APICURIO_DATASOURCE_URL",
            databaseUrl(dataDir));
    List<String> java = new ArrayList<>(JVM_FLAGS);
    java.addAll(List.of("-jar", RegistryDistribution.RUNNER_JAR));
    ChildProcess process =
        workDir.startJava("Apicurio Registry", java, distribution, environment, logFile);
    return new ApicurioRegistry("http://" + host + ":" + port + CCOMPAT_PATH, process);
  }

  /**
   * The JDBC URL of the registry's database file. {@code WRITE_DELAY=0} makes H2 write every commit
   * through at once (its default waits up to 500 ms), so a registry killed right after registering
   * a schema still has it, and its id, after a restart.
   */
  static String databaseUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry") + ";WRITE_DELAY=0";
  }

  String registryUrl() {
    return registryUrl;
  }

  ChildProcess process() {
    return process;
  }

  /** Whether {@code GET /subjects} of the Confluent-compatible API answers 200. */
  boolean isReady() throws InterruptedException {
    return admin.answers();
  }

  /**
   * Makes the registry reject schema changes that break the level's rule, as a production registry
   * would.
   */
  void setGlobalCompatibility(String level) throws InterruptedException {
    admin.setGlobalCompatibility(level);
  }
}
