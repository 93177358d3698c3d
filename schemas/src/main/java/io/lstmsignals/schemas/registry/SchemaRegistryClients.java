package io.lstmsignals.schemas.registry;

/**
 * Picks the registry client a config asks for: the REST client, or the in-memory one for {@code
 * mock://}.
 */
public final class SchemaRegistryClients {
  private SchemaRegistryClients() {}

  public static SchemaRegistryClient create(RegistryClientConfig config) {
    return config.isMock()
        ? InMemorySchemaRegistry.forScope(config.mockScope())
        : new RestSchemaRegistryClient(config);
  }
}
