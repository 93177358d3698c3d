package io.lstmsignals.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

  @Test
  void shouldConfigureACombinedNodeOnLoopbackWithSinglePartitionInternalTopics() {
    // When
    Properties config =
        KafkaBroker.serverProperties(new StackPorts(19092, 19093, 18081, 19000), Path.of("/d"));

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
}
