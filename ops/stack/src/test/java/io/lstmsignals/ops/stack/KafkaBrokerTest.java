package io.lstmsignals.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

  @Test
  void shouldConfigureACombinedNodeOnLoopbackWithSinglePartitionInternalTopics() {
    // When
    Properties config =
        KafkaBroker.serverProperties(
            new StackPorts(19092, 19093, 18081, 19000, 19094, 18082), Path.of("/d"));

    // Then
    assertThat(config)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("group.initial.rebalance.delay.ms", "0");
    for (String topic :
        new String[] {"offsets.topic", "transaction.state.log", "share.coordinator.state.topic"}) {
      assertThat(config)
          .containsEntry(topic + ".replication.factor", "1")
          .containsEntry(topic + ".num.partitions", "1");
    }
  }

  @Test
  void aSecuredBrokerShouldAuthenticateEveryListenerAndAuthorizeByAcl(@TempDir Path dir)
      throws Exception {
    // Given the material of a secured stack (its CA, the broker's certificate, passwords)
    StackSecurity security = StackSecurity.prepare(dir.resolve("secure"), List.of("scorer"));

    // When
    Properties config =
        KafkaBroker.serverProperties(
            new StackPorts(19092, 19093, 18081, 19000, 19094, 18082),
            dir.resolve("data"),
            Optional.of(security));

    // Then clients log in with SCRAM over TLS, the broker's own listeners want its certificate
    assertThat(config)
        .containsEntry(
            "listeners",
            "CLIENTS://127.0.0.1:19092,INTERNAL://127.0.0.1:19094,CONTROLLER://127.0.0.1:19093")
        .containsEntry(
            "advertised.listeners", "CLIENTS://127.0.0.1:19092,INTERNAL://127.0.0.1:19094")
        .containsEntry(
            "listener.security.protocol.map", "CLIENTS:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL")
        .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
        .containsEntry("listener.name.internal.ssl.client.auth", "required")
        .containsEntry("listener.name.controller.ssl.client.auth", "required")
        .containsEntry(
            "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
        .containsEntry("allow.everyone.if.no.acl.found", "false")
        .containsEntry("super.users", "User:CN=lstm-signals-broker;User:admin");
    // and the material is the CA's: a truststore for clients, owner-only files
    assertThat(dir.resolve("secure/truststore.p12")).exists();
    assertThat(dir.resolve("secure/ca.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(Files.getPosixFilePermissions(dir.resolve("secure/credentials.properties")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(security.users()).containsExactly("admin", "scorer");
    // and a second start keeps the passwords and the certificates
    StackSecurity again = StackSecurity.prepare(dir.resolve("secure"), List.of("scorer"));
    assertThat(again.password("scorer")).isEqualTo(security.password("scorer"));
  }
}
