package io.lstmsignals.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StacksTest {

  @Test
  void shouldDefaultToLocal() {
    assertThat(Stacks.select(Map.of(), null)).isEqualTo(StackKind.LOCAL);
  }

  @Test
  void shouldChooseExternalWhenOnlyBootstrapServersAreGiven() {
    assertThat(Stacks.select(Map.of("LSTM_STACK_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), null))
        .isEqualTo(StackKind.EXTERNAL);
  }

  @Test
  void shouldReadTheKindFromTheEnvironmentIgnoringCase() {
    assertThat(Stacks.select(Map.of("LSTM_STACK", " Containers "), null))
        .isEqualTo(StackKind.CONTAINERS);
  }

  @Test
  void systemPropertyShouldWinOverTheEnvironment() {
    // Given an environment that asks for an external stack
    Map<String, String> environment =
        Map.of("LSTM_STACK", "external", "LSTM_STACK_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

    // Then
    assertThat(Stacks.select(environment, "local")).isEqualTo(StackKind.LOCAL);
  }

  @Test
  void unknownKindShouldListTheValidOnes() {
    assertThatThrownBy(() -> Stacks.select(Map.of("LSTM_STACK", "docker"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid value 'docker' for env var LSTM_STACK: must be one of local, external, containers");
  }

  @Test
  void externalStackShouldNameTheMissingVariable() {
    assertThatThrownBy(
            () ->
                ExternalStack.endpointsFrom(
                    Map.of("LSTM_STACK_BOOTSTRAP_SERVERS", "127.0.0.1:9092")))
        .isInstanceOf(StackStartException.class)
        .hasMessageContaining("LSTM_STACK_REGISTRY_URL='")
        .hasMessageContaining("needs both LSTM_STACK_BOOTSTRAP_SERVERS");
  }

  @Test
  void externalStackShouldTakeBothEndpointsFromTheEnvironment() {
    // When
    StackEndpoints endpoints =
        ExternalStack.endpointsFrom(
            Map.of(
                "LSTM_STACK_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "LSTM_STACK_REGISTRY_URL", "http://127.0.0.1:8081/apis/ccompat/v7"));

    // Then
    assertThat(endpoints)
        .isEqualTo(new StackEndpoints("127.0.0.1:9092", "http://127.0.0.1:8081/apis/ccompat/v7"));
  }
}
