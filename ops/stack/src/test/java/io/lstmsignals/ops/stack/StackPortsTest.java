package io.lstmsignals.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Binds loopback sockets only: no network beyond this machine. */
class StackPortsTest {

  @Test
  void shouldPickFourDistinctFreePorts() {
    // When
    StackPorts ports = StackPorts.allocate(0, 0);

    // Then
    assertThat(Set.of(ports.kafka(), ports.controller(), ports.registry(), ports.management()))
        .hasSize(4);
  }

  @Test
  void shouldKeepRequestedPortsThatAreFree() throws IOException {
    // Given two ports that were free a moment ago
    int kafka;
    int registry;
    try (ServerSocket a = new ServerSocket(0, 1, StackPorts.LOOPBACK);
        ServerSocket b = new ServerSocket(0, 1, StackPorts.LOOPBACK)) {
      kafka = a.getLocalPort();
      registry = b.getLocalPort();
    }

    // When
    StackPorts ports = StackPorts.allocate(kafka, registry);

    // Then
    assertThat(ports.kafka()).isEqualTo(kafka);
    assertThat(ports.registry()).isEqualTo(registry);
    assertThat(Set.of(ports.kafka(), ports.controller(), ports.registry(), ports.management()))
        .hasSize(4);
  }

  @Test
  void shouldNameTheTakenPortAndTheOptionThatChoosesAnother() throws IOException {
    // Given
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(StackPorts.LOOPBACK, 0));
      int port = taken.getLocalPort();

      // Then
      assertThatThrownBy(() -> StackPorts.allocate(0, port))
          .isInstanceOf(StackStartException.class)
          .hasMessage(
              "port "
                  + port
                  + " on 127.0.0.1 is already in use; choose another with --registry-port"
                  + " (bin/stack up) or LocalStackOptions.withRegistryPort, or 0 for any free port");
    }
  }
}
