package io.lstmsignals.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serde needs. Implementations cache what they
 * learn, and are safe for concurrent use.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers a schema under a subject (or finds it registered already) and returns its global id.
   *
   * @throws IncompatibleSchemaException if the subject's compatibility rule rejects it
   * @throws SchemaRegistryException if the registry cannot be reached or refuses the request
   */
  int register(String subject, Schema schema);

  /**
   * The id of a schema already registered under a subject, without registering it.
   *
   * @throws SchemaRegistryException if it is not registered there, or the registry cannot be
   *     reached
   */
  int idOf(String subject, Schema schema);

  /**
   * The schema with a global id.
   *
   * @throws SchemaRegistryException if no schema has that id, or the registry cannot be reached
   */
  Schema schemaById(int id);

  /**
   * Whether a schema could be registered under a subject now, under the subject's compatibility
   * rule.
   */
  boolean isCompatible(String subject, Schema schema);

  /**
   * The subjects the registry holds ({@code GET /subjects}); also how a service checks at start-up
   * that a URL speaks the Confluent API.
   *
   * @throws SchemaRegistryException if the registry cannot be reached, or answers something other
   *     than the API's list of subjects
   */
  List<String> subjects();

  /** Sets the compatibility level of a subject, e.g. {@code BACKWARD}. */
  void setCompatibility(String subject, String level);

  /** Where this client sends its requests, for error messages. */
  String describe();

  @Override
  void close();
}
