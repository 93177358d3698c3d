package io.lstmsignals.service.preflight;

import io.lstmsignals.schemas.registry.RegistryClientConfig;
import io.lstmsignals.schemas.registry.SchemaRegistryClient;
import io.lstmsignals.schemas.registry.SchemaRegistryClients;
import io.lstmsignals.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;

/**
 * What every service and command checks before it builds a client that would otherwise wait, retry
 * and log for a minute: that the broker answers and accepts this client's credentials, that the
 * registry speaks the Confluent API and accepts its credentials, and that the topics it reads and
 * writes exist and its principal may read or write them. Each check takes at most {@link #TIMEOUT}
 * (plus a few seconds of connection attempts) and fails with one {@link StartupCheckException} line
 * naming the address, URL, principal or topic and what to do. Topics are never created here: that
 * is the explicit step {@code bin/stack topics create} (and {@code bin/stack up}), so a typo'd name
 * fails at once.
 */
public final class StartupChecks {

  /** The longest a check waits for an answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration NEW_TOPIC_GRACE = Duration.ofSeconds(3);
  private static final String APICURIO_CCOMPAT = "/apis/ccompat/v7";
  private static final String START_ONE = "bin/stack up starts a local one";
  private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

  private StartupChecks() {}

  /**
   * Checks that the brokers answer, then that every topic exists and that this client's principal
   * may read or write it as it will.
   *
   * @param clientConfig a Kafka client configuration (bootstrap.servers and any security keys)
   * @param topics the topics the caller uses, in the order to report them
   * @throws StartupCheckException naming the unreachable brokers, the principal that cannot
   *     authenticate, or the missing or forbidden topics
   */
  public static void requireBrokerAndTopics(
      Map<String, Object> clientConfig, List<TopicUse> topics) {
    try (Admin admin = connectedAdmin(clientConfig, TIMEOUT)) {
      requireTopics(admin, clientConfig, topics, TIMEOUT);
    }
  }

  /**
   * An admin client whose brokers have answered describeCluster; the caller closes it.
   *
   * @throws StartupCheckException if no broker accepts a connection, none answers in time, or they
   *     refuse this client's credentials or TLS
   */
  public static Admin connectedAdmin(Map<String, Object> clientConfig, Duration timeout) {
    String servers = bootstrapServers(clientConfig);
    requireReachable(servers);
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    Admin admin = Admin.create(config);
    try {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return admin;
    } catch (ExecutionException e) {
      admin.close(Duration.ZERO);
      throw refused(servers, clientConfig, e.getCause());
    } catch (TimeoutException e) {
      admin.close(Duration.ZERO);
      throw new StartupCheckException(
          "Kafka at "
              + servers
              + " ("
              + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG
              + ") accepts connections but did not answer within "
              + timeout.toSeconds()
              + " s: is it a Kafka listener, and does security.protocol match it?",
          e);
    } catch (InterruptedException e) {
      admin.close(Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new StartupCheckException("interrupted while checking Kafka at " + servers, e);
    } catch (RuntimeException e) {
      admin.close(Duration.ZERO);
      throw e;
    }
  }

  private static StartupCheckException refused(
      String servers, Map<String, Object> clientConfig, Throwable cause) {
    if (cause instanceof SslAuthenticationException) {
      return new StartupCheckException(
          "TLS with Kafka at "
              + servers
              + " failed: "
              + reason(cause)
              + " (does ssl.truststore.location hold the broker's CA?)",
          cause);
    }
    if (cause instanceof AuthenticationException) {
      return new StartupCheckException(
          "Kafka at "
              + servers
              + " refused to authenticate "
              + principal(clientConfig)
              + " ("
              + SaslConfigs.SASL_JAAS_CONFIG
              + "): "
              + reason(cause),
          cause);
    }
    return new StartupCheckException(
        "Kafka at "
            + servers
            + " ("
            + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG
            + ") refused the connection: "
            + reason(cause),
        cause);
  }

  /**
   * Checks that the topics exist and that this client's principal may use them as it will.
   *
   * @throws StartupCheckException naming every missing topic, or every forbidden use with the
   *     principal and the key naming the topic
   */
  public static void requireTopics(
      Admin admin, Map<String, Object> clientConfig, List<TopicUse> topics, Duration timeout) {
    String servers = bootstrapServers(clientConfig);
    // A topic created a moment ago may not be in every broker's metadata yet: look again for a
    // little while before calling it missing.
    long deadline = System.nanoTime() + NEW_TOPIC_GRACE.toNanos();
    Verdict verdict = examine(admin, servers, topics, timeout);
    while (!verdict.missing().isEmpty() && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartupCheckException("interrupted while describing the topics", e);
      }
      verdict = examine(admin, servers, topics, timeout);
    }
    if (!verdict.missing().isEmpty()) {
      throw new StartupCheckException(
          "Kafka at "
              + servers
              + " has no topic "
              + String.join(", no topic ", verdict.missing())
              + ": topics are created from the catalogue by 'bin/stack topics create' (bin/stack up"
              + " does it), never by a service; check the name, or create the topics");
    }
    if (!verdict.forbidden().isEmpty()) {
      throw new StartupCheckException(
          "Kafka at "
              + servers
              + " does not let "
              + principal(clientConfig)
              + " "
              + String.join("; nor ", verdict.forbidden())
              + ": grant the principal that access (ACLs, README \"Security\"), or run this with"
              + " the principal that has it");
    }
  }

  private record Verdict(List<String> missing, List<String> forbidden) {}

  private static Verdict examine(
      Admin admin, String servers, List<TopicUse> topics, Duration timeout) {
    List<String> names = topics.stream().map(TopicUse::name).distinct().toList();
    Map<String, KafkaFuture<TopicDescription>> described =
        admin
            .describeTopics(
                names,
                new DescribeTopicsOptions()
                    .includeAuthorizedOperations(true)
                    .timeoutMs((int) timeout.toMillis()))
            .topicNameValues();
    List<String> missing = new ArrayList<>();
    List<String> forbidden = new ArrayList<>();
    for (TopicUse use : topics) {
      try {
        Set<AclOperation> allowed =
            described
                .get(use.name())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .authorizedOperations();
        AclOperation needed = use.writes() ? AclOperation.WRITE : AclOperation.READ;
        if (allowed != null && !allowed.contains(needed) && !allowed.contains(AclOperation.ALL)) {
          forbidden.add(
              needed
                  + " topic "
                  + use.name()
                  + " ("
                  + use.key()
                  + "; it may "
                  + (allowed.isEmpty()
                      ? "do nothing there"
                      : allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", "))
                          + " there")
                  + ")");
        }
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          missing.add(use.name() + " (" + use.key() + ")");
        } else if (e.getCause() instanceof TopicAuthorizationException) {
          forbidden.add("DESCRIBE topic " + use.name() + " (" + use.key() + ")");
        } else {
          throw new StartupCheckException(
              "Kafka at " + servers + " did not describe topic " + use.name() + ": " + reason(e),
              e);
        }
      } catch (TimeoutException e) {
        throw new StartupCheckException(
            "Kafka at "
                + servers
                + " did not describe topic "
                + use.name()
                + " within "
                + timeout.toSeconds()
                + " s",
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartupCheckException("interrupted while describing the topics", e);
      }
    }
    return new Verdict(List.copyOf(missing), forbidden.stream().distinct().toList());
  }

  /**
   * Who a client configuration authenticates as, for messages: {@code User:<name>} of its SASL
   * login, its certificate's subject over SSL, {@code User:ANONYMOUS} over PLAINTEXT.
   */
  static String principal(Map<String, Object> clientConfig) {
    String protocol =
        String.valueOf(
                clientConfig.getOrDefault(
                    CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                    CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL))
            .toUpperCase(Locale.ROOT);
    if (protocol.startsWith("SASL")) {
      Object jaas = clientConfig.get(SaslConfigs.SASL_JAAS_CONFIG);
      String text = jaas instanceof Password password ? password.value() : String.valueOf(jaas);
      Matcher user = JAAS_USER.matcher(text);
      return user.find()
          ? "User:" + user.group(1)
          : "the SASL user of " + SaslConfigs.SASL_JAAS_CONFIG;
    }
    if (protocol.equals("SSL")) {
      return "the principal of this client's certificate";
    }
    return "User:ANONYMOUS";
  }

  /**
   * Checks that the registry of a serde configuration answers the Confluent API's {@code GET
   * /subjects}. A {@code mock://} registry passes.
   *
   * @throws StartupCheckException naming the URL, with the {@value #APICURIO_CCOMPAT} hint when
   *     that is what the URL lacks
   */
  public static void requireRegistry(Map<String, ?> serdeConfig) {
    RegistryClientConfig config = RegistryClientConfig.from(serdeConfig);
    if (config.isMock()) {
      return;
    }
    String url = config.urls().getFirst().toString();
    try {
      subjects(config, config.urls());
    } catch (SchemaRegistryException e) {
      String key = RegistryClientConfig.URL;
      if (e.httpStatus().isPresent()
          && (e.httpStatus().getAsInt() == 401 || e.httpStatus().getAsInt() == 403)) {
        throw new StartupCheckException(
            "schema registry at "
                + url
                + " refused "
                + config
                    .userInfo()
                    .map(info -> "user " + info.split(":", 2)[0])
                    .orElse("a request without credentials")
                + " (HTTP "
                + e.httpStatus().getAsInt()
                + "; "
                + RegistryClientConfig.CREDENTIALS_SOURCE
                + ", "
                + RegistryClientConfig.USER_INFO
                + ")",
            e);
      }
      if (e.httpStatus().isEmpty() && e.getCause() instanceof IOException io) {
        throw new StartupCheckException(
            "schema registry unreachable at "
                + url
                + " ("
                + key
                + "): "
                + reason(io)
                + "; is it running? "
                + START_ONE,
            e);
      }
      if (!url.replaceAll("/+$", "").endsWith(APICURIO_CCOMPAT) && answersAtApicurioPath(config)) {
        throw new StartupCheckException(
            "schema registry at "
                + url
                + " ("
                + key
                + ") does not serve the Confluent API there; it is Apicurio, which serves it at "
                + url.replaceAll("/+$", "")
                + APICURIO_CCOMPAT,
            e);
      }
      throw new StartupCheckException(
          "schema registry at "
              + url
              + " ("
              + key
              + ") does not speak the Confluent API: "
              + e.getMessage()
              + " (for Apicurio the URL ends in "
              + APICURIO_CCOMPAT
              + ")",
          e);
    }
  }

  private static boolean answersAtApicurioPath(RegistryClientConfig config) {
    try {
      subjects(
          config,
          config.urls().stream()
              .map(uri -> URI.create(uri.toString().replaceAll("/+$", "") + APICURIO_CCOMPAT))
              .toList());
      return true;
    } catch (SchemaRegistryException notThereEither) {
      return false;
    }
  }

  private static List<String> subjects(RegistryClientConfig config, List<URI> urls) {
    RegistryClientConfig quick =
        new RegistryClientConfig(
            urls,
            config.userInfo(),
            config.tls(),
            CONNECT_TIMEOUT,
            TIMEOUT,
            0,
            config.retryWait(),
            config.retryMaxWait());
    try (SchemaRegistryClient client = SchemaRegistryClients.create(quick)) {
      return client.subjects();
    }
  }

  /**
   * Fails unless at least one bootstrap address accepts a TCP connection: the cheap test that
   * spares the user a minute of client retries and warnings when nothing listens.
   */
  private static void requireReachable(String servers) {
    Map<String, String> failures = new TreeMap<>();
    for (String address : servers.split(",")) {
      String hostPort = address.strip();
      String host = Utils.getHost(hostPort);
      Integer port = Utils.getPort(hostPort);
      if (host == null || port == null) {
        throw new StartupCheckException(
            "Invalid value "
                + servers
                + " for configuration "
                + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG
                + ": '"
                + hostPort
                + "' is not host:port");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
        return;
      } catch (IOException e) {
        failures.put(hostPort, reason(e));
      }
    }
    throw new StartupCheckException(
        "Kafka broker unreachable at "
            + servers
            + " ("
            + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG
            + "): "
            + failures.entrySet().stream()
                .map(f -> failures.size() == 1 ? f.getValue() : f.getKey() + " " + f.getValue())
                .collect(Collectors.joining(", "))
            + "; is it running? "
            + START_ONE);
  }

  private static String bootstrapServers(Map<String, Object> clientConfig) {
    Object servers = clientConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    if (servers == null || String.valueOf(servers).isBlank()) {
      throw new KafkaException("no " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + " given");
    }
    return String.valueOf(servers);
  }

  private static String reason(Throwable e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage();
    return message == null || message.isBlank()
        ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + message;
  }
}
