package io.lstmsignals.schemas.cli;

/**
 * Where the stages' command lines look for the broker and the registry when no option says: the
 * environment of a stack started by {@code bin/stack up}, else the local stack's ports. The {@code
 * *_OPTION_DEFAULT} constants are picocli default-value expressions and the {@code *_DESCRIPTION}
 * constants the options' help, so that every command's {@code --bootstrap-servers} and {@code
 * --schema-registry-url} resolve and read alike.
 */
public final class StackConnectionDefaults {
  /** Environment variable naming the Kafka bootstrap servers of the running stack. */
  public static final String BOOTSTRAP_SERVERS_ENV = "LSTM_STACK_BOOTSTRAP_SERVERS";

  /** Environment variable naming the running stack's Confluent-compatible registry URL. */
  public static final String REGISTRY_URL_ENV = "LSTM_STACK_REGISTRY_URL";

  public static final String LOCAL_BOOTSTRAP_SERVERS = "localhost:9092";
  public static final String LOCAL_REGISTRY_URL = "http://localhost:8081/apis/ccompat/v7";

  /** {@code ${env:LSTM_STACK_BOOTSTRAP_SERVERS:-localhost:9092}}. */
  public static final String BOOTSTRAP_SERVERS_OPTION_DEFAULT =
      "${env:" + BOOTSTRAP_SERVERS_ENV + ":-" + LOCAL_BOOTSTRAP_SERVERS + "}";

  /** {@code ${env:LSTM_STACK_REGISTRY_URL:-http://localhost:8081/apis/ccompat/v7}}. */
  public static final String REGISTRY_URL_OPTION_DEFAULT =
      "${env:" + REGISTRY_URL_ENV + ":-" + LOCAL_REGISTRY_URL + "}";

  /** The help text of {@code --bootstrap-servers}; picocli fills in {@code ${DEFAULT-VALUE}}. */
  public static final String BOOTSTRAP_SERVERS_DESCRIPTION =
      "Kafka brokers (default: ${DEFAULT-VALUE}; env "
          + BOOTSTRAP_SERVERS_ENV
          + " overrides the default). Start a local stack first with bin/stack up.";

  /** The help text of {@code --schema-registry-url}; picocli fills in {@code ${DEFAULT-VALUE}}. */
  public static final String REGISTRY_URL_DESCRIPTION =
      "Confluent-compatible schema registry (default:"
          + " ${DEFAULT-VALUE}; env "
          + REGISTRY_URL_ENV
          + " overrides the default).";

  private StackConnectionDefaults() {}
}
