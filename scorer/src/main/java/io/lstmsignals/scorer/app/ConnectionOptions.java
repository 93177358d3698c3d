package io.lstmsignals.scorer.app;

import io.lstmsignals.schemas.cli.StackConnectionDefaults;
import picocli.CommandLine.Option;

/** The broker and the registry: options the subcommands share. */
public final class ConnectionOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      defaultValue = StackConnectionDefaults.BOOTSTRAP_SERVERS_OPTION_DEFAULT,
      description = StackConnectionDefaults.BOOTSTRAP_SERVERS_DESCRIPTION)
  public String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      paramLabel = "URL",
      defaultValue = StackConnectionDefaults.REGISTRY_URL_OPTION_DEFAULT,
      description = StackConnectionDefaults.REGISTRY_URL_DESCRIPTION)
  public String registryUrl;
}
