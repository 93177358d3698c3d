package io.lstmsignals.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * An in-memory registry for fast topology tests ({@code schema.registry.url=mock://scope}), after
 * Confluent's convention: every client of one scope in a JVM sees the same registry until {@link
 * #dropScope}. It enforces BACKWARD compatibility by default, like the local stack's registry.
 * Integration tests use the real registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
  private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String scope;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<Schema, Integer> idsBySchema = new ConcurrentHashMap<>();
  private final Map<String, List<Schema>> versionsBySubject = new ConcurrentHashMap<>();
  private final Map<String, String> compatibilityBySubject = new ConcurrentHashMap<>();

  private InMemorySchemaRegistry(String scope) {
    this.scope = scope;
  }

  /** The registry of a scope, created on first use. */
  public static InMemorySchemaRegistry forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistry::new);
  }

  /** Forgets a scope, e.g. after a test. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Schema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (versions.contains(schema)) {
      return idsBySchema.get(schema);
    }
    if (!isCompatible(subject, schema)) {
      throw new IncompatibleSchemaException(
          "Could not register a schema under subject '"
              + subject
              + "': schema registry "
              + describe()
              + " answered HTTP 409: schema is incompatible with the latest version"
              + " under "
              + compatibilityOf(subject)
              + " compatibility",
          409);
    }
    versions.add(schema);
    return idsBySchema.computeIfAbsent(
        schema,
        s -> {
          int id = schemasById.size() + 1;
          schemasById.put(id, s);
          return id;
        });
  }

  @Override
  public synchronized int idOf(String subject, Schema schema) {
    List<Schema> versions = versionsBySubject.getOrDefault(subject, List.of());
    if (!versions.contains(schema)) {
      throw new SchemaRegistryException(
          "Schema not registered under subject '" + subject + "' in registry " + describe(),
          404,
          40403);
    }
    return idsBySchema.get(schema);
  }

  @Override
  public Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(
          "Could not fetch the schema with id "
              + id
              + ": schema registry "
              + describe()
              + " answered HTTP 404 (error 40403): schema not found",
          404,
          40403);
    }
    return schema;
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    List<Schema> versions = versionsBySubject.getOrDefault(subject, List.of());
    if (versions.isEmpty() || "NONE".equals(compatibilityOf(subject))) {
      return true;
    }
    Schema latest = versions.get(versions.size() - 1);
    // BACKWARD: the new schema must read data written with the latest one.
    return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }

  @Override
  public List<String> subjects() {
    return versionsBySubject.keySet().stream().sorted().toList();
  }

  @Override
  public void setCompatibility(String subject, String level) {
    compatibilityBySubject.put(subject, level);
  }

  private String compatibilityOf(String subject) {
    return compatibilityBySubject.getOrDefault(subject, "BACKWARD");
  }

  @Override
  public String describe() {
    return RegistryClientConfig.MOCK_SCHEME + "://" + scope;
  }

  @Override
  public void close() {
    // Shared by every client of the scope; dropScope releases it.
  }
}
