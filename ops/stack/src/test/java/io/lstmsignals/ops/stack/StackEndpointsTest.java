package io.lstmsignals.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackEndpointsTest {

  @Test
  void shouldDropTrailingSlashesFromTheRegistryUrl() {
    // When
    StackEndpoints endpoints =
        new StackEndpoints("127.0.0.1:9092", "http://127.0.0.1:8081/apis/ccompat/v7//");

    // Then
    assertThat(endpoints.registryUrl()).isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7");
    assertThat(endpoints.hasRegistry()).isTrue();
  }

  @Test
  void registryUrlMustBeHttp() {
    assertThatThrownBy(() -> new StackEndpoints("127.0.0.1:9092", "127.0.0.1:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "StackEndpoints: registryUrl must start with http:// or https://, got '127.0.0.1:8081'");
  }

  @Test
  void bootstrapServersMustNotBeBlank() {
    assertThatThrownBy(() -> new StackEndpoints(" ", "http://127.0.0.1:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers must be host:port");
  }

  @Test
  void shouldExplainWhenABrokerOnlyStackIsAskedForItsRegistry() {
    // Given
    StackEndpoints endpoints = StackEndpoints.brokerOnly("127.0.0.1:9092");

    // Then
    assertThat(endpoints.hasRegistry()).isFalse();
    assertThat(endpoints)
        .hasToString("StackEndpoints[bootstrapServers=127.0.0.1:9092, registryUrl=(no registry)]");
    assertThatThrownBy(endpoints::registryUrl)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runs no schema registry");
  }
}
