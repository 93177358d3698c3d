package io.lstmsignals.service.config;

import io.lstmsignals.schemas.registry.RegistryClientConfig;
import io.lstmsignals.schemas.registry.TlsSettings;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.TopicSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The keys every service declares the same way: where the broker and the schema registry are and
 * how to reach them securely (Kafka's client security keys, the registry's basic auth and TLS), and
 * where the service's operations endpoint listens. A service adds them to its spec with {@link
 * #connection}, and builds its clients' and serdes' settings from them with {@link #clientConfig}
 * and {@link #serdeConfig}, so that no service assembles those maps by hand.
 */
public final class CommonKeys {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** The local stack's broker (bin/stack up), when nothing else names one. */
  public static final String LOCAL_BOOTSTRAP_SERVERS = "localhost:9092";

  /** The local stack's registry (Apicurio's Confluent-compatible API), likewise. */
  public static final String LOCAL_REGISTRY_URL = "http://localhost:8081/apis/ccompat/v7";

  private static final ConfigDef.Validator REGISTRY_URL =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            String url = String.valueOf(value).trim();
            if (!url.matches("(?i)(https?|mock)://\\S+")) {
              throw new ConfigException(
                  name,
                  value,
                  "must be an http:// or https:// URL (Apicurio: http://host:port/apis/ccompat/v7),"
                      + " or mock://scope in tests");
            }
          },
          () -> "http(s)://host:port[/path]");

  /** Checks a topic-name value against {@link TopicSpec#NAME_RULE}. */
  public static final ConfigDef.Validator TOPIC_NAME =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            if (!TopicSpec.isValidName((String) value)) {
              throw new ConfigException(name, value, TopicSpec.NAME_RULE);
            }
          },
          () -> "[a-zA-Z0-9._-]{1,245}");

  /** Port of a service's /health and /metrics endpoint. */
  public static final String HTTP_PORT = "http.port";

  /** Address that endpoint listens on. */
  public static final String HTTP_BIND_ADDRESS = "http.bind.address";

  /** Basic-auth user the endpoint requires, if any. */
  public static final String HTTP_AUTH_USERNAME = "http.auth.username";

  /** Basic-auth password of that user. */
  public static final String HTTP_AUTH_PASSWORD = "http.auth.password";

  /** The address endpoints bind to unless configured otherwise: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";

  /**
   * The endpoint port of each long-running service, one table so that ports never collide on one
   * machine and docker-compose and the Prometheus scrape config can be checked against it.
   */
  public static final Map<String, Integer> ENDPOINT_PORTS =
      Map.of("ingest", 9401, "scorer", 9402, "signals", 9403, "retrainer", 9404);

  private static final ConfigDef.Validator ADDRESS =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            try {
              InetAddress.getByName(String.valueOf(value).strip());
            } catch (UnknownHostException e) {
              throw new ConfigException(name, value, "must be an IP address or a resolvable host");
            }
          },
          () -> "an IP address or host name");

  /** Checks a replication-factor value (a SHORT): -1 for the broker's default, or at least 1. */
  public static final ConfigDef.Validator REPLICATION_FACTOR =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            short factor = (Short) value;
            if (factor != -1 && factor < 1) {
              throw new ConfigException(name, value, "must be -1 (the broker's default) or >= 1");
            }
          },
          () -> "-1 or >= 1");

  private CommonKeys() {}

  /** Checks that a text value is one of {@code allowed}, ignoring case; lists them in order. */
  public static ConfigDef.Validator oneOf(List<String> allowed) {
    List<String> choices = List.copyOf(allowed);
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          String text = String.valueOf(value).trim();
          if (choices.stream().noneMatch(choice -> choice.equalsIgnoreCase(text))) {
            throw new ConfigException(name, value, "must be one of " + String.join(", ", choices));
          }
        },
        () -> String.join(", ", choices));
  }

  /**
   * Declares what every service configures the same way: {@value #BOOTSTRAP_SERVERS} and {@value
   * #SCHEMA_REGISTRY_URL}, and, for a service with a port in {@link #ENDPOINT_PORTS}, its
   * operations endpoint ({@code http.*}).
   */
  public static ConfigSpec.Builder connection(ConfigSpec.Builder spec) {
    spec.define(
            BOOTSTRAP_SERVERS,
            ConfigDef.Type.STRING,
            LOCAL_BOOTSTRAP_SERVERS,
            new ConfigDef.NonEmptyString(),
            "Kafka brokers, host:port[,host:port...]. When unset, $"
                + ConfigSources.STACK_BOOTSTRAP_SERVERS_ENV
                + " (bin/stack up prints it), else the local stack's port.")
        .define(
            SCHEMA_REGISTRY_URL,
            ConfigDef.Type.STRING,
            LOCAL_REGISTRY_URL,
            REGISTRY_URL,
            "Confluent-compatible schema registry (Apicurio: .../apis/ccompat/v7). When unset, $"
                + ConfigSources.STACK_REGISTRY_URL_ENV
                + ", else the local stack's.");
    spec.kafkaClientSecurity();
    registryAccess(spec);
    Integer port = ENDPOINT_PORTS.get(spec.service());
    if (port != null) {
      endpoint(spec, port);
    }
    return spec;
  }

  /** Basic auth and TLS towards the registry: the keys of Confluent's client (and ours). */
  private static void registryAccess(ConfigSpec.Builder spec) {
    spec.define(
            RegistryClientConfig.CREDENTIALS_SOURCE,
            ConfigDef.Type.STRING,
            "URL",
            oneOf(List.of("URL", "USER_INFO")),
            "Where the registry's basic-auth credentials come from: URL (user:password@ in"
                + " schema.registry.url, or none) or USER_INFO (basic.auth.user.info).")
        .define(
            RegistryClientConfig.USER_INFO,
            ConfigDef.Type.PASSWORD,
            "",
            null,
            "The registry's basic-auth user:password, with basic.auth.credentials.source=USER_INFO"
                + " (a secret: ${env:NAME} or ${file:path:key} keeps it out of the file).")
        .define(
            TlsSettings.TRUSTSTORE_LOCATION,
            ConfigDef.Type.STRING,
            "",
            null,
            "Truststore for an https registry whose certificate the JDK does not trust (e.g. the"
                + " secured local stack's truststore.p12); empty = the JDK's.")
        .define(
            TlsSettings.TRUSTSTORE_PASSWORD,
            ConfigDef.Type.PASSWORD,
            "",
            null,
            "Password of that truststore.")
        .define(
            TlsSettings.TRUSTSTORE_TYPE,
            ConfigDef.Type.STRING,
            "PKCS12",
            oneOf(List.of("PKCS12", "JKS")),
            "Type of that truststore.");
  }

  private static void endpoint(ConfigSpec.Builder spec, int defaultPort) {
    spec.define(
            HTTP_PORT,
            ConfigDef.Type.INT,
            defaultPort,
            ConfigDef.Range.between(-1, 65_535),
            "Port of the service's /health and /metrics endpoint; 0 = any free port, -1 = none.")
        .define(
            HTTP_BIND_ADDRESS,
            ConfigDef.Type.STRING,
            LOOPBACK,
            ADDRESS,
            "Address the endpoint listens on: this machine only by default. Binding elsewhere"
                + " (0.0.0.0 in a container) is an explicit choice; then set "
                + HTTP_AUTH_USERNAME
                + " too.")
        .define(
            HTTP_AUTH_USERNAME,
            ConfigDef.Type.STRING,
            "",
            null,
            "HTTP basic-auth user the endpoint requires; empty = no authentication.")
        .define(
            HTTP_AUTH_PASSWORD,
            ConfigDef.Type.PASSWORD,
            "",
            null,
            "HTTP basic-auth password of " + HTTP_AUTH_USERNAME + ".");
  }

  /** The settings every Kafka client of the service starts from: the brokers, and security. */
  public static Map<String, Object> clientConfig(Settings settings) {
    Map<String, Object> config = new HashMap<>(settings.kafkaSecurity());
    config.put(BOOTSTRAP_SERVERS, settings.string(BOOTSTRAP_SERVERS));
    return config;
  }

  /**
   * The serdes' settings: the registry, reading generated classes, with its basic auth and
   * truststore when set.
   */
  public static Map<String, Object> serdeConfig(Settings settings) {
    Map<String, Object> config =
        new HashMap<>(AvroSerdeConfig.specificRecords(settings.string(SCHEMA_REGISTRY_URL)));
    config.putAll(registryAccess(settings));
    return config;
  }

  /** The registry's basic-auth and TLS settings that were set (none for an open registry). */
  public static Map<String, Object> registryAccess(Settings settings) {
    Map<String, Object> access = new LinkedHashMap<>();
    for (String key :
        List.of(
            RegistryClientConfig.CREDENTIALS_SOURCE,
            RegistryClientConfig.USER_INFO,
            TlsSettings.TRUSTSTORE_LOCATION,
            TlsSettings.TRUSTSTORE_PASSWORD,
            TlsSettings.TRUSTSTORE_TYPE)) {
      if (settings.isGiven(key)) {
        access.put(
            key,
            key.equals(RegistryClientConfig.USER_INFO)
                    || key.equals(TlsSettings.TRUSTSTORE_PASSWORD)
                ? new Password(settings.secret(key))
                : settings.string(key));
      }
    }
    return access;
  }
}
