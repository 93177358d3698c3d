package io.lstmsignals.ingest.app;

import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.schemas.cli.StackConnectionDefaults;
import picocli.CommandLine.Option;

/** The broker and the registry: options every subcommand shares. */
final class ConnectionOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      defaultValue = StackConnectionDefaults.BOOTSTRAP_SERVERS_OPTION_DEFAULT,
      description = StackConnectionDefaults.BOOTSTRAP_SERVERS_DESCRIPTION)
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      paramLabel = "URL",
      defaultValue = StackConnectionDefaults.REGISTRY_URL_OPTION_DEFAULT,
      description = StackConnectionDefaults.REGISTRY_URL_DESCRIPTION)
  String registryUrl;

  KafkaEndpoints endpoints() {
    return new KafkaEndpoints(bootstrapServers, registryUrl);
  }
}
