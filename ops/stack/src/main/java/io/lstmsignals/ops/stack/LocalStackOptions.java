package io.lstmsignals.ops.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start a {@link LocalStack}. {@code workDir} receives broker.log, registry.log and the data
 * of the broker (its log dirs) and of the registry (its schemas, in an H2 database file). With
 * {@code durable} the data stays there between starts and the next start reuses it (bin/stack up);
 * without, it is wiped at start and deleted at close (tests). {@code fresh} wipes durable data
 * before starting. With {@code secureUsers}, the broker demands SASL_SSL (SCRAM-SHA-512, a
 * certificate from a CA made at the first start) and authorizes by ACL, the registry sits behind
 * TLS and basic auth, and each of those users gets a password ({@link StackSecurity}). A port of 0
 * means "any free port"; {@code startTimeout} bounds the whole start, from the first child process
 * to both readiness checks. Start from {@link #defaults()} and change what you need with the {@code
 * with...} methods.
 */
public record LocalStackOptions(
    Path workDir,
    int kafkaPort,
    int registryPort,
    Duration startTimeout,
    boolean startRegistry,
    boolean durable,
    boolean fresh,
    List<String> secureUsers) {

  /** System property naming the default work dir; failsafe sets it to the module's target/stack. */
  public static final String WORK_DIR_PROPERTY = "lstm.stack.workdir";

  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

  public LocalStackOptions {
    Objects.requireNonNull(workDir, "LocalStackOptions: workDir must not be null");
    Objects.requireNonNull(startTimeout, "LocalStackOptions: startTimeout must not be null");
    secureUsers = List.copyOf(secureUsers);
    requirePort("kafkaPort", kafkaPort);
    requirePort("registryPort", registryPort);
    if (kafkaPort != 0 && kafkaPort == registryPort) {
      throw new IllegalArgumentException(
          "LocalStackOptions: kafkaPort and registryPort are both "
              + kafkaPort
              + ": they must differ");
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException(
          "LocalStackOptions: startTimeout " + startTimeout + " must be positive");
    }
  }

  /**
   * Free ports, a registry, a 120 s start timeout, throw-away data, and as work dir the {@value
   * #WORK_DIR_PROPERTY} system property if set, else {@code <java.io.tmpdir>/lstm-stack-<pid>}.
   */
  public static LocalStackOptions defaults() {
    String configured = System.getProperty(WORK_DIR_PROPERTY);
    Path workDir =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(
                System.getProperty("java.io.tmpdir"),
                "lstm-stack-" + ProcessHandle.current().pid());
    return new LocalStackOptions(
        workDir, 0, 0, DEFAULT_START_TIMEOUT, true, false, false, List.of());
  }

  public LocalStackOptions withWorkDir(Path dir) {
    return new LocalStackOptions(
        dir, kafkaPort, registryPort, startTimeout, startRegistry, durable, fresh, secureUsers);
  }

  public LocalStackOptions withKafkaPort(int port) {
    return new LocalStackOptions(
        workDir, port, registryPort, startTimeout, startRegistry, durable, fresh, secureUsers);
  }

  public LocalStackOptions withRegistryPort(int port) {
    return new LocalStackOptions(
        workDir, kafkaPort, port, startTimeout, startRegistry, durable, fresh, secureUsers);
  }

  public LocalStackOptions withStartTimeout(Duration timeout) {
    return new LocalStackOptions(
        workDir, kafkaPort, registryPort, timeout, startRegistry, durable, fresh, secureUsers);
  }

  public LocalStackOptions withStartRegistry(boolean start) {
    return new LocalStackOptions(
        workDir, kafkaPort, registryPort, startTimeout, start, durable, fresh, secureUsers);
  }

  /** Keeps the broker's and the registry's data in the work dir, and reuses what is there. */
  public LocalStackOptions withDurableData(boolean keep) {
    return new LocalStackOptions(
        workDir, kafkaPort, registryPort, startTimeout, startRegistry, keep, fresh, secureUsers);
  }

  /** Wipes durable data left by an earlier start before starting. */
  public LocalStackOptions withFresh(boolean wipe) {
    return new LocalStackOptions(
        workDir, kafkaPort, registryPort, startTimeout, startRegistry, durable, wipe, secureUsers);
  }

  /**
   * Secures the stack, with a SCRAM user (and registry user) for each of {@code users}, besides
   * {@value StackSecurity#ADMIN}; an empty list leaves it PLAINTEXT.
   */
  public LocalStackOptions withSecurity(List<String> users) {
    return new LocalStackOptions(
        workDir, kafkaPort, registryPort, startTimeout, startRegistry, durable, fresh, users);
  }

  /** Whether the stack is secured ({@link #withSecurity}). */
  public boolean secure() {
    return !secureUsers.isEmpty();
  }

  private static void requirePort(String name, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "LocalStackOptions: " + name + " " + port + " must be 0 (any free port) or 1..65535");
    }
  }
}
