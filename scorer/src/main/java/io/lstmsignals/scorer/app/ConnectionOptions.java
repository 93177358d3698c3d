package io.lstmsignals.scorer.app;

import picocli.CommandLine.Option;

/** The broker and the registry: options the subcommands share. */
public final class ConnectionOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      defaultValue = "${env:LSTM_STACK_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka brokers (default: ${DEFAULT-VALUE}; env LSTM_STACK_BOOTSTRAP_SERVERS overrides the default)."
          + " Start a local stack first with bin/stack up.")
  public String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      defaultValue = "${env:LSTM_STACK_REGISTRY_URL:-http://localhost:8081/apis/ccompat/v7}",
      description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE}; env LSTM_STACK_REGISTRY_URL"
          + " overrides the default).")
  public String registryUrl;
}
