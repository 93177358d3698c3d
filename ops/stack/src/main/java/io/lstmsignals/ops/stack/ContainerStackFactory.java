package io.lstmsignals.ops.stack;

/**
 * Starts the stack as Docker containers ({@code LSTM_STACK=containers}). The test kit provides it
 * as a {@link java.util.ServiceLoader} service, so that Testcontainers stays off the classpath of
 * everything that is not a test (the demo, the stack command).
 */
public interface ContainerStackFactory {

  /**
   * Starts the containers and waits until both answer.
   *
   * @throws StackStartException if Docker is unreachable or a container does not start
   */
  Stack start();
}
