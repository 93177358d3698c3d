package io.lstmsignals.ops.stack;

/**
 * Where a running stack answers: the Kafka bootstrap servers ({@code host:port[,host:port...]}) and
 * the base URL of the schema registry's Confluent-compatible API (for Apicurio {@code
 * http://host:port/apis/ccompat/v7}), to be passed as {@code schema.registry.url}. The URL never
 * ends with a slash. A stack started without a registry has endpoints built by {@link
 * #brokerOnly(String)}; asking those for {@link #registryUrl()} fails with an explanation.
 */
public record StackEndpoints(String bootstrapServers, String registryUrl) {

  public StackEndpoints {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "StackEndpoints: bootstrapServers must be host:port[,host:port...], got '"
              + bootstrapServers
              + "'");
    }
    if (registryUrl != null) {
      if (!registryUrl.startsWith("http://") && !registryUrl.startsWith("https://")) {
        throw new IllegalArgumentException(
            "StackEndpoints: registryUrl must start with http:// or https://, got '"
                + registryUrl
                + "'");
      }
      registryUrl = registryUrl.replaceAll("/+$", "");
    }
  }

  /** Endpoints of a stack that runs a broker and no schema registry. */
  public static StackEndpoints brokerOnly(String bootstrapServers) {
    return new StackEndpoints(bootstrapServers, null);
  }

  /** Whether this stack runs a schema registry. */
  public boolean hasRegistry() {
    return registryUrl != null;
  }

  /**
   * The Confluent-compatible registry base URL, without a trailing slash.
   *
   * @throws IllegalStateException if the stack was started without a registry
   */
  @Override
  public String registryUrl() {
    if (registryUrl == null) {
      throw new IllegalStateException(
          "StackEndpoints "
              + bootstrapServers
              + ": this stack runs no schema registry (it was started with startRegistry=false)");
    }
    return registryUrl;
  }

  @Override
  public String toString() {
    return "StackEndpoints[bootstrapServers="
        + bootstrapServers
        + ", registryUrl="
        + (registryUrl == null ? "(no registry)" : registryUrl)
        + "]";
  }
}
