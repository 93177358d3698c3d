package io.lstmsignals.ops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.ops.stack.ExternalStack;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.StackStartException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@WithStack
@Timeout(120)
class ExternalStackIT {

  @Test
  void shouldConnectToARunningStackAndLeaveItRunningOnClose(StackEndpoints stack) throws Exception {
    // When
    try (ExternalStack external = ExternalStack.connect(stack, Duration.ofSeconds(15))) {
      assertThat(external.endpoints()).isEqualTo(stack);
    }

    // Then the broker still serves
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      assertThat(admin.describeCluster().nodes().get(15, TimeUnit.SECONDS)).isNotEmpty();
    }
  }

  @Test
  void shouldNameTheRegistryUrlThatDoesNotAnswer(StackEndpoints stack) throws IOException {
    // Given
    String deadUrl = "http://127.0.0.1:" + unusedPort() + "/apis/ccompat/v7";

    // Then
    assertThatThrownBy(
            () ->
                ExternalStack.connect(
                    new StackEndpoints(stack.bootstrapServers(), deadUrl), Duration.ofSeconds(3)))
        .isInstanceOf(StackStartException.class)
        .hasMessageStartingWith(
            "schema registry at " + deadUrl + " (LSTM_STACK_REGISTRY_URL) did not answer");
  }

  @Test
  @Timeout(30)
  void shouldNameTheBrokerThatDoesNotAnswerWithinTheTimeout(StackEndpoints stack)
      throws IOException {
    // Given
    String deadBroker = "127.0.0.1:" + unusedPort();

    // Then
    assertThatThrownBy(
            () ->
                ExternalStack.connect(
                    new StackEndpoints(deadBroker, stack.registryUrl()), Duration.ofSeconds(3)))
        .isInstanceOf(StackStartException.class)
        .hasMessageStartingWith(
            "Kafka at "
                + deadBroker
                + " (LSTM_STACK_BOOTSTRAP_SERVERS) did not answer"
                + " describeCluster within 3 s");
  }

  /** A loopback port nobody listens on: bound to learn a free number, then released. */
  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }
}
