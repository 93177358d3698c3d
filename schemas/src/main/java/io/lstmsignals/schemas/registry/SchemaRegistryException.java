package io.lstmsignals.schemas.registry;

import java.util.OptionalInt;

/**
 * A request to the schema registry failed; the message names the registry URL and what was asked.
 */
public class SchemaRegistryException extends RuntimeException {
  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = -1;
    this.errorCode = -1;
  }

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status of the registry's answer, if it answered. */
  public OptionalInt httpStatus() {
    return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The registry's own error code (e.g. 40403 schema not found), if it gave one. */
  public OptionalInt errorCode() {
    return errorCode < 0 ? OptionalInt.empty() : OptionalInt.of(errorCode);
  }
}
