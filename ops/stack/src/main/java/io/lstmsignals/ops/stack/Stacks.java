package io.lstmsignals.ops.stack;

import java.util.Map;
import java.util.ServiceLoader;

/**
 * The one switch between stack kinds. The system property {@value #KIND_PROPERTY} or else the env
 * var {@value #KIND_ENV} chooses {@code local} (the default: a {@link LocalStack}), {@code
 * external} (an {@link ExternalStack} from {@code LSTM_STACK_BOOTSTRAP_SERVERS} and {@code
 * LSTM_STACK_REGISTRY_URL}) or {@code containers} (Docker containers, needs Docker and the test
 * kit's {@link ContainerStackFactory}). With neither set, a set {@code
 * LSTM_STACK_BOOTSTRAP_SERVERS} means external.
 */
public final class Stacks {

  public static final String KIND_ENV = "LSTM_STACK";
  public static final String KIND_PROPERTY = "lstm.stack";

  private Stacks() {}

  /**
   * Starts or connects to the stack the environment asks for. The caller closes it.
   *
   * @throws IllegalArgumentException if the choice names no kind (the message lists the valid ones)
   * @throws StackStartException if the stack cannot be started or reached
   */
  public static Stack fromEnvironment() {
    return switch (select(System.getenv(), System.getProperty(KIND_PROPERTY))) {
      case LOCAL -> LocalStack.start();
      case EXTERNAL -> ExternalStack.fromEnvironment();
      case CONTAINERS ->
          ServiceLoader.load(ContainerStackFactory.class)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          KIND_ENV
                              + "=containers runs the stack in Docker through Testcontainers, which only the"
                              + " integration tests have (ops/testkit); use local or external here"))
              .start();
    };
  }

  /** The kind chosen by the system property (wins when set), else by the environment. */
  static StackKind select(Map<String, String> environment, String property) {
    if (property != null && !property.isBlank()) {
      return StackKind.parse(property, "system property " + KIND_PROPERTY);
    }
    String fromEnvironment = environment.get(KIND_ENV);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return StackKind.parse(fromEnvironment, "env var " + KIND_ENV);
    }
    String bootstrap = environment.get(ExternalStack.BOOTSTRAP_SERVERS_ENV);
    return bootstrap != null && !bootstrap.isBlank() ? StackKind.EXTERNAL : StackKind.LOCAL;
  }
}
