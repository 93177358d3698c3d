package io.lstmsignals.service.config;

import io.lstmsignals.schemas.topic.Topic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A service's configuration: every key declared once, with its type, default, validator and doc
 * (Kafka's {@link ConfigDef} holds them), plus the prefixes whose keys pass through to a Kafka
 * client ({@code streams.}, {@code producer.}, {@code consumer.}), each checked against that
 * client's own keys. {@link #parse} reads a whole configuration and reports every problem at once
 * in one {@link InvalidConfigurationException}; {@link #markdownTable()} and {@link
 * #sampleProperties()} are the documentation the READMEs and {@code ops/config/} hold, which a test
 * per service compares with these declarations.
 *
 * <p>Immutable once built.
 */
public final class ConfigSpec {

  /** The Kafka client a pass-through prefix feeds. */
  public enum Client {
    /**
     * Kafka Streams: its own keys, plus {@code consumer.}, {@code main.consumer.}, {@code
     * restore.consumer.}, {@code global.consumer.}, {@code producer.}, {@code admin.} and {@code
     * topic.} prefixed client and topic keys.
     */
    STREAMS,
    PRODUCER,
    CONSUMER,
    ADMIN
  }

  /** Keys under {@code prefix} go to {@code client} without the prefix. */
  private record PassThrough(String prefix, Client client, String doc) {}

  /** Keys a pass-through may not set because the service sets them (key → what to do instead). */
  private record Reserved(String prefixedKey, String instead) {}

  private static final Map<String, Set<String>> STREAMS_CLIENT_PREFIXES =
      Map.of(
          StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configNames(),
          StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configNames(),
          StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configNames(),
          StreamsConfig.GLOBAL_CONSUMER_PREFIX, ConsumerConfig.configNames(),
          StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configNames(),
          StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configNames(),
          StreamsConfig.TOPIC_PREFIX, topicConfigNames());

  private static final String KAFKA_SECURITY_DOC =
      "Kafka client security: security.protocol and Kafka's own ssl.* and sasl.* client keys"
          + " (their types, defaults and checks are Kafka's), given to every Kafka client of the"
          + " service. Secrets (sasl.jaas.config, the ssl.* passwords) are never logged or"
          + " printed, and can be read at start-up from an environment variable ${env:NAME},"
          + " a properties file ${file:/path/file.properties:key} or a file of a directory"
          + " ${dir:/path:file}. bin/stack up --secure writes one file of these per principal.";

  private static final String KAFKA_SECURITY_EXAMPLE =
      """
      #security.protocol=SASL_SSL
      #sasl.mechanism=SCRAM-SHA-512
      #sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \
      #    username="me" password="${file:/path/credentials.properties:me}";
      #ssl.truststore.location=/path/truststore.p12
      #ssl.truststore.type=PKCS12
      #ssl.truststore.password=${file:/path/credentials.properties:stores}
      """;

  private final String service;
  private final ConfigDef definition;
  private final Map<String, String> examples;
  private final List<PassThrough> passThroughs;
  private final List<Reserved> reserved;
  private final Set<String> kafkaSecurityKeys;

  private ConfigSpec(Builder builder) {
    this.service = builder.service;
    this.definition = builder.definition;
    this.examples = Map.copyOf(builder.examples);
    this.passThroughs = List.copyOf(builder.passThroughs);
    this.reserved = List.copyOf(builder.reserved);
    this.kafkaSecurityKeys = Set.copyOf(builder.kafkaSecurityKeys);
  }

  /** The Kafka client security keys this service takes ({@link Builder#kafkaClientSecurity}). */
  Set<String> kafkaSecurityKeys() {
    return kafkaSecurityKeys;
  }

  /** Starts the declarations of a service, e.g. {@code scorer}. */
  public static Builder forService(String service) {
    return new Builder(service);
  }

  /** The service these keys configure. */
  public String service() {
    return service;
  }

  /** The declared keys, in declaration order. */
  public List<String> keys() {
    return List.copyOf(definition.configKeys().keySet());
  }

  /** The pass-through prefixes, in declaration order. */
  public List<String> passThroughPrefixes() {
    return passThroughs.stream().map(PassThrough::prefix).toList();
  }

  /**
   * Whether {@code key} is one this service accepts: a declared key, or a pass-through key that its
   * client knows.
   */
  public boolean accepts(String key) {
    return definition.configKeys().containsKey(key) || passThroughProblem(key).isEmpty();
  }

  /** Whether the key holds a secret (type PASSWORD), never to be printed. */
  public boolean isSecret(String key) {
    ConfigDef.ConfigKey declared = definition.configKeys().get(key);
    if (declared != null) {
      return declared.type == ConfigDef.Type.PASSWORD;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.endsWith("jaas.config") || lower.contains("secret");
  }

  /**
   * Reads a whole configuration: {@code ${env:...}}, {@code ${file:...}} and {@code ${dir:...}}
   * references are replaced by what they name (see {@link ConfigSources}), declared keys are parsed
   * and validated (values may be text or already typed, e.g. an {@code Integer} for an INT key),
   * pass-through keys are checked against their client's keys, and any other key is refused.
   *
   * @throws InvalidConfigurationException listing every problem, in key order
   */
  public Settings parse(Map<String, ?> given) {
    Map<String, String> problems = new TreeMap<>();
    Map<String, Object> values = ConfigSources.resolved(given, problems);
    Map<String, Object> own = new LinkedHashMap<>();
    Map<String, Map<String, Object>> passed = new LinkedHashMap<>();
    passThroughs.forEach(p -> passed.put(p.prefix(), new LinkedHashMap<>()));
    for (Map.Entry<String, ?> entry : new TreeMap<>(values).entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      if (definition.configKeys().containsKey(key)) {
        own.put(key, value);
        continue;
      }
      Optional<PassThrough> through =
          passThroughs.stream().filter(p -> key.startsWith(p.prefix())).findFirst();
      if (through.isEmpty()) {
        problems.put(key, invalid(key, value, unknownKeyReason(key)));
        continue;
      }
      Optional<String> problem = passThroughProblem(key);
      if (problem.isPresent()) {
        problems.put(key, invalid(key, value, problem.get()));
      } else {
        passed
            .get(through.get().prefix())
            .put(key.substring(through.get().prefix().length()), value);
      }
    }
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (ConfigDef.ConfigKey declared : definition.configKeys().values()) {
      Object raw = own.get(declared.name);
      if (raw == null) {
        if (!declared.hasDefault()) {
          problems.put(
              declared.name,
              "Missing value for configuration "
                  + declared.name
                  + ": it is required ("
                  + firstSentence(declared.documentation)
                  + ")");
          continue;
        }
        raw = declared.defaultValue;
      }
      try {
        Object value = raw == null ? null : ConfigDef.parseType(declared.name, raw, declared.type);
        if (declared.validator != null) {
          declared.validator.ensureValid(declared.name, value);
        }
        parsed.put(declared.name, value);
      } catch (ConfigException e) {
        problems.put(declared.name, normalized(declared.name, raw, e));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(service, List.copyOf(problems.values()));
    }
    return new Settings(this, parsed, passed, own.keySet());
  }

  private Optional<String> passThroughProblem(String key) {
    Optional<PassThrough> through =
        passThroughs.stream().filter(p -> key.startsWith(p.prefix())).findFirst();
    if (through.isEmpty()) {
      return Optional.of(unknownKeyReason(key));
    }
    for (Reserved r : reserved) {
      if (r.prefixedKey().equals(key)) {
        return Optional.of("set by the " + service + " service itself; " + r.instead());
      }
    }
    String clientKey = key.substring(through.get().prefix().length());
    return clientProblem(through.get(), clientKey);
  }

  private static Optional<String> clientProblem(PassThrough through, String clientKey) {
    Set<String> names =
        switch (through.client()) {
          case STREAMS -> StreamsConfig.configDef().names();
          case PRODUCER -> ProducerConfig.configNames();
          case CONSUMER -> ConsumerConfig.configNames();
          case ADMIN -> AdminClientConfig.configNames();
        };
    if (names.contains(clientKey)) {
      return Optional.empty();
    }
    if (through.client() == Client.STREAMS) {
      for (Map.Entry<String, Set<String>> nested : STREAMS_CLIENT_PREFIXES.entrySet()) {
        if (clientKey.startsWith(nested.getKey())) {
          String inner = clientKey.substring(nested.getKey().length());
          return nested.getValue().contains(inner)
              ? Optional.empty()
              : Optional.of(
                  "'"
                      + inner
                      + "' is not a key of the client "
                      + through.prefix()
                      + nested.getKey()
                      + " configures"
                      + suggestion(inner, nested.getValue()));
        }
      }
    }
    return Optional.of(
        "'"
            + clientKey
            + "' is not a "
            + clientName(through.client())
            + " key"
            + suggestion(clientKey, names));
  }

  private String unknownKeyReason(String key) {
    Set<String> known = new TreeSet<>(definition.configKeys().keySet());
    String prefixes =
        passThroughs.isEmpty()
            ? ""
            : "; Kafka client keys take the prefix "
                + passThroughs.stream()
                    .map(p -> p.prefix() + " (" + clientName(p.client()) + ")")
                    .collect(Collectors.joining(", "));
    return "unknown key: not a " + service + " setting" + suggestion(key, known) + prefixes;
  }

  private static String clientName(Client client) {
    return switch (client) {
      case STREAMS -> "Kafka Streams";
      case PRODUCER -> "producer";
      case CONSUMER -> "consumer";
      case ADMIN -> "admin client";
    };
  }

  /** "; did you mean K?" when a known key is within two edits, else nothing. */
  private static String suggestion(String key, Set<String> known) {
    return known.stream()
        .filter(candidate -> editDistance(key, candidate) <= 2)
        .min(Comparator.comparingInt((String candidate) -> editDistance(key, candidate)))
        .map(candidate -> "; did you mean " + candidate + "?")
        .orElse("");
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** "Invalid value V for configuration K: reason", whatever form the validator's message took. */
  private String normalized(String key, Object raw, ConfigException e) {
    String message = e.getMessage();
    String prefix = "Invalid value " + raw + " for configuration " + key;
    if (message != null && message.startsWith("Invalid value")) {
      int colon = message.indexOf(": ");
      return colon < 0 ? message : prefix + message.substring(colon);
    }
    return prefix + ": " + message;
  }

  private String invalid(String key, Object value, String reason) {
    String shown = isSecret(key) ? "[hidden]" : String.valueOf(value);
    return "Invalid value " + shown + " for configuration " + key + ": " + reason;
  }

  private static String firstSentence(String doc) {
    int end = doc.indexOf(". ");
    return (end < 0 ? doc : doc.substring(0, end)).replaceAll("\\.$", "");
  }

  /**
   * The keys as a Markdown table (key, type, default, valid values, description), then the
   * pass-through prefixes; what the service's README shows.
   */
  public String markdownTable() {
    StringBuilder table =
        new StringBuilder("| key | type | default | valid values | description |\n")
            .append("|---|---|---|---|---|\n");
    for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
      if (kafkaSecurityKeys.contains(key.name)) {
        continue;
      }
      table
          .append("| `")
          .append(key.name)
          .append("` | ")
          .append(key.type.name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(defaultText(key))
          .append(" | ")
          .append(key.validator == null ? "" : cell(key.validator.toString()))
          .append(" | ")
          .append(cell(key.documentation))
          .append(" |\n");
    }
    if (!kafkaSecurityKeys.isEmpty()) {
      table
          .append(
              "| `security.protocol`, `ssl.*`, `sasl.*` | Kafka's client security keys | Kafka's")
          .append(" | Kafka's | ")
          .append(cell(KAFKA_SECURITY_DOC))
          .append(" |\n");
    }
    for (PassThrough through : passThroughs) {
      table
          .append("| `")
          .append(through.prefix())
          .append("*` | ")
          .append(clientName(through.client()))
          .append(" keys | | checked against the client's keys | ")
          .append(cell(through.doc()))
          .append(" |\n");
    }
    return table.toString();
  }

  /**
   * A sample {@code <service>.properties}: every key with its doc, required keys set to their
   * example, the others commented out at their default.
   */
  public String sampleProperties() {
    StringBuilder sample =
        new StringBuilder("# Configuration of the lstm-signals service ")
            .append(service)
            .append(".\n")
            .append("# Generated from its declarations (a test keeps this file and them equal).\n")
            .append("# Required keys are set; the others show their default, commented out.\n");
    for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
      if (kafkaSecurityKeys.contains(key.name)) {
        continue;
      }
      sample.append('\n');
      for (String line : wrap(key.documentation, 98)) {
        sample.append("# ").append(line).append('\n');
      }
      if (key.hasDefault()) {
        sample.append('#').append(key.name).append('=').append(propertyText(key)).append('\n');
      } else {
        sample
            .append(key.name)
            .append('=')
            .append(examples.getOrDefault(key.name, ""))
            .append('\n');
      }
    }
    if (!kafkaSecurityKeys.isEmpty()) {
      sample.append('\n');
      for (String line : wrap(KAFKA_SECURITY_DOC, 98)) {
        sample.append("# ").append(line).append('\n');
      }
      sample.append(KAFKA_SECURITY_EXAMPLE);
    }
    for (PassThrough through : passThroughs) {
      sample
          .append("\n# ")
          .append(through.prefix())
          .append("<key>: ")
          .append(through.doc())
          .append('\n');
    }
    return sample.toString();
  }

  private static String defaultText(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "required";
    }
    String text = propertyText(key);
    return text.isEmpty() ? "\"\"" : "`" + cell(text) + "`";
  }

  private static String propertyText(ConfigDef.ConfigKey key) {
    if (key.defaultValue == null) {
      return "";
    }
    if (key.defaultValue instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return key.type == ConfigDef.Type.PASSWORD ? "" : String.valueOf(key.defaultValue);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static Set<String> topicConfigNames() {
    Set<String> names = new TreeSet<>();
    for (var field : TopicConfig.class.getFields()) {
      if (field.getName().endsWith("_CONFIG")) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("TopicConfig." + field.getName() + " is not readable", e);
        }
      }
    }
    return names;
  }

  /** Declares a service's keys. */
  public static final class Builder {
    private final String service;
    private final ConfigDef definition = new ConfigDef();
    private final Map<String, String> examples = new LinkedHashMap<>();
    private final List<PassThrough> passThroughs = new ArrayList<>();
    private final List<Reserved> reserved = new ArrayList<>();
    private final Set<String> kafkaSecurityKeys = new TreeSet<>();

    private Builder(String service) {
      this.service = Objects.requireNonNull(service, "service");
    }

    /** The service being declared. */
    public String service() {
      return service;
    }

    /**
     * Declares a key with a default.
     *
     * @param validator checks the parsed value, or null for any value of the type
     * @param doc one or more sentences; the first is used in "required" messages
     */
    public Builder define(
        String key,
        ConfigDef.Type type,
        Object defaultValue,
        ConfigDef.Validator validator,
        String doc) {
      definition.define(key, type, defaultValue, validator, ConfigDef.Importance.MEDIUM, doc);
      return this;
    }

    /**
     * Declares the Kafka client security keys with Kafka's own definitions: {@code
     * security.protocol} and the client {@code ssl.*} and {@code sasl.*} keys (PASSWORD-typed where
     * Kafka has them so), so that every client of the service can take them.
     */
    public Builder kafkaClientSecurity() {
      Set<String> before = new TreeSet<>(definition.names());
      definition.define(
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
          ConfigDef.Type.STRING,
          CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL,
          ConfigDef.CaseInsensitiveValidString.in(
              java.util.Arrays.stream(SecurityProtocol.values())
                  .map(SecurityProtocol::name)
                  .toArray(String[]::new)),
          ConfigDef.Importance.MEDIUM,
          CommonClientConfigs.SECURITY_PROTOCOL_DOC);
      SslConfigs.addClientSslSupport(definition);
      SaslConfigs.addClientSaslSupport(definition);
      definition.names().stream()
          .filter(name -> !before.contains(name))
          .forEach(kafkaSecurityKeys::add);
      return this;
    }

    /** Declares a topic-name key whose default is the name of {@code topic} in the catalogue. */
    public Builder defineTopic(String key, Topic<?, ?> topic, String doc) {
      return define(key, ConfigDef.Type.STRING, topic.name(), CommonKeys.TOPIC_NAME, doc);
    }

    /** Declares a key that has no default; {@code example} is what the sample file sets it to. */
    public Builder required(
        String key,
        ConfigDef.Type type,
        ConfigDef.Validator validator,
        String doc,
        String example) {
      definition.define(
          key, type, ConfigDef.NO_DEFAULT_VALUE, validator, ConfigDef.Importance.HIGH, doc);
      examples.put(key, example);
      return this;
    }

    /** Passes keys starting with {@code prefix} to {@code client}, after checking them. */
    public Builder passThrough(String prefix, Client client, String doc) {
      passThroughs.add(new PassThrough(prefix, client, doc));
      return this;
    }

    /**
     * Passes {@code streams.*} keys to Kafka Streams, refusing the ones every service sets itself
     * (its application id, brokers, state directory and the exactly-once guarantee).
     */
    public Builder streamsPassThrough(String doc) {
      String prefix = "streams.";
      return passThrough(prefix, Client.STREAMS, doc)
          .reserve(prefix + StreamsConfig.APPLICATION_ID_CONFIG, "set application.id")
          .reserve(prefix + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "set bootstrap.servers")
          .reserve(prefix + StreamsConfig.STATE_DIR_CONFIG, "set state.dir")
          .reserve(
              prefix + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "it always runs exactly_once_v2");
    }

    /** Refuses a pass-through key that the service sets itself. */
    public Builder reserve(String prefixedKey, String instead) {
      reserved.add(new Reserved(prefixedKey, instead));
      return this;
    }

    public ConfigSpec build() {
      return new ConfigSpec(this);
    }
  }
}
