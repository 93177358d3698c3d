package io.lstmsignals.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.registry.IncompatibleSchemaException;
import io.lstmsignals.schemas.registry.RegistryClientConfig;
import io.lstmsignals.schemas.registry.RestSchemaRegistryClient;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the real registry decides: compatible evolution passes, an incompatible change is refused
 * clearly.
 */
@WithStack
@Timeout(120)
class RegistryContractIT {
  private static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
      {"type":"record","name":"Quote","namespace":"test","fields":[{"name":"price","type":"double"}]}""");
  private static final Schema V2_COMPATIBLE =
      new Schema.Parser()
          .parse(
              """
      {"type":"record","name":"Quote","namespace":"test","fields":[{"name":"price","type":"double"},
       {"name":"venue","type":["null","string"],"default":null}]}""");
  private static final Schema V2_INCOMPATIBLE =
      new Schema.Parser()
          .parse(
              """
      {"type":"record","name":"Quote","namespace":"test","fields":[{"name":"price","type":"double"},
       {"name":"venue","type":"string"}]}""");

  @Test
  void shouldAcceptACompatibleChangeAndRejectAnIncompatibleOne(StackEndpoints stack) {
    String subject = "quotes-" + UUID.randomUUID() + "-value";
    try (RestSchemaRegistryClient client =
        new RestSchemaRegistryClient(
            RegistryClientConfig.from(Map.of("schema.registry.url", stack.registryUrl())))) {
      client.setCompatibility(subject, "BACKWARD");
      int v1 = client.register(subject, V1);

      assertThat(client.register(subject, V1))
          .as("registering the same schema again is idempotent")
          .isEqualTo(v1);
      assertThat(client.isCompatible(subject, V2_COMPATIBLE)).isTrue();
      assertThat(client.isCompatible(subject, V2_INCOMPATIBLE)).isFalse();
      assertThat(client.register(subject, V2_COMPATIBLE)).isNotEqualTo(v1);
      assertThatThrownBy(() -> client.register(subject, V2_INCOMPATIBLE))
          .isInstanceOf(IncompatibleSchemaException.class)
          .hasMessageContaining("subject '" + subject + "'")
          .hasMessageContaining(stack.registryUrl())
          .hasMessageContaining("409");
    }
  }

  @Test
  void shouldSurfaceAnIncompatibleSchemaAsAClearProducerError(StackEndpoints stack) {
    String topic = "quotes-" + UUID.randomUUID();
    Map<String, Object> config = Map.of("schema.registry.url", stack.registryUrl());
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
    serializer.configure(config, false);
    try (RestSchemaRegistryClient client =
        new RestSchemaRegistryClient(RegistryClientConfig.from(config))) {
      client.setCompatibility(topic + "-value", "BACKWARD");
    }
    GenericRecord v1 = new GenericData.Record(V1);
    v1.put("price", 1.5);
    serializer.serialize(topic, v1);
    GenericRecord v2 = new GenericData.Record(V2_INCOMPATIBLE);
    v2.put("price", 1.5);
    v2.put("venue", "binance");

    assertThatThrownBy(() -> serializer.serialize(topic, v2))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("test.Quote")
        .hasMessageContaining(topic + "-value")
        .hasMessageContaining("incompatible");
    serializer.close();
  }
}
