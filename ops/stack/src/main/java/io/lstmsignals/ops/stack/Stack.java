package io.lstmsignals.ops.stack;

/**
 * A running Kafka broker plus schema registry that a test or the demo talks to. Whoever obtained
 * the stack closes it; {@link #close()} is idempotent and never throws a checked exception.
 * Implementations: {@link LocalStack} (child JVMs on 127.0.0.1), {@link ExternalStack} (one already
 * running), Docker containers (the test kit's {@link ContainerStackFactory}); pick one with {@link
 * Stacks#fromEnvironment()}.
 */
public interface Stack extends AutoCloseable {

  /** Where the broker and the registry answer. */
  StackEndpoints endpoints();

  /** Stops what this stack started, if anything. Safe to call more than once. */
  @Override
  void close();
}
