package io.lstmsignals.schemas.registry;

/**
 * The registry did not answer, or answered "busy" (429, 5xx), through every retry: a passing
 * outage, not a fault of the record being read. Callers that must not lose data on an outage (a
 * stream processor, the model follower) wait and retry instead of dead-lettering; {@link #causes}
 * finds it in a cause chain (a deserializer wraps it).
 */
public final class SchemaRegistryUnavailableException extends SchemaRegistryException {

  public SchemaRegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether {@code error} or one of its causes is a registry outage. */
  public static boolean causes(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryUnavailableException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
