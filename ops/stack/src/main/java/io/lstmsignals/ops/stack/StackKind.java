package io.lstmsignals.ops.stack;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which kind of stack {@link Stacks#fromEnvironment()} provides. */
enum StackKind {
  /** Child JVMs on 127.0.0.1, started and stopped by this JVM ({@link LocalStack}). */
  LOCAL,
  /** One already running, named by env vars ({@link ExternalStack}). */
  EXTERNAL,
  /** Docker containers through Testcontainers ({@link ContainerStackFactory}, in the test kit). */
  CONTAINERS;

  /** The name users write, e.g. {@code local}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a user's choice, ignoring case and surrounding blanks.
   *
   * @param source where the value came from, for the error message
   * @throws IllegalArgumentException listing the valid choices
   */
  static StackKind parse(String value, String source) {
    String wanted = value.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(kind -> kind.name().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Invalid value '"
                        + value
                        + "' for "
                        + source
                        + ": must be one"
                        + " of "
                        + Arrays.stream(values())
                            .map(StackKind::label)
                            .collect(Collectors.joining(", "))));
  }
}
