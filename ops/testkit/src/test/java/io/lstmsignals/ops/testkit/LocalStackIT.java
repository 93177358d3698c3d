package io.lstmsignals.ops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.ops.stack.LocalStack;
import io.lstmsignals.ops.stack.LocalStackOptions;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.StackStartException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@WithStack
@Timeout(180)
class LocalStackIT {

  private static final String SCHEMA_V1 =
      "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
  // Adds a field without a default: a v2 reader cannot read v1 data, so BACKWARD must reject it.
  private static final String SCHEMA_V2 =
      "{\"type\":\"record\",\"name\":\"X\",\"fields\":"
          + "[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"int\"}]}";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void brokerShouldDeliverAProducedRecordToAConsumer(StackEndpoints stack, TestInfo test)
      throws Exception {
    // Given
    String topic = "round-trip-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }

    // When
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "BTCUSDT", "hello")).get();
    }

    // Then
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                test.getDisplayName() + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plusSeconds(60);
      while (received.isEmpty() && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
    }
    assertThat(received)
        .as("records consumed from %s within 60 s", topic)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("BTCUSDT");
              assertThat(record.value()).isEqualTo("hello");
            });
  }

  @Test
  void registryShouldAnswerSubjects(StackEndpoints stack) throws Exception {
    // When
    HttpResponse<String> response = get(stack.registryUrl() + "/subjects");

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("[");
  }

  @Test
  void registryShouldRejectAnIncompatibleSchemaWith409(StackEndpoints stack) throws Exception {
    // Given
    String subject = "compat-" + UUID.randomUUID() + "-value";
    HttpResponse<String> first = register(stack, subject, SCHEMA_V1);
    assertThat(first.statusCode()).as("registering v1: %s", first.body()).isEqualTo(200);

    // When
    HttpResponse<String> second = register(stack, subject, SCHEMA_V2);

    // Then
    assertThat(second.statusCode())
        .as("registering an incompatible v2: %s", second.body())
        .isEqualTo(409);
    assertThat(second.body()).contains("\"error_code\":409");
  }

  @Test
  void shouldRefuseATakenPortBeforeStartingAnything(@TempDir Path workDir) throws IOException {
    // Given
    Set<Long> childrenBefore = childPids();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();

      // When / Then
      assertThatThrownBy(
              () ->
                  LocalStack.start(
                      LocalStackOptions.defaults().withWorkDir(workDir).withKafkaPort(port)))
          .isInstanceOf(StackStartException.class)
          .hasMessageStartingWith(
              "port " + port + " on 127.0.0.1 is already in use; choose another with --kafka-port");
    }
    assertThat(childPids()).as("child processes after the refused start").isEqualTo(childrenBefore);
  }

  @Test
  void closeShouldLeaveNoChildProcessAlive(@TempDir Path workDir) throws Exception {
    // Given a second, private stack
    Set<Long> childrenBefore = childPids();
    LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withWorkDir(workDir));
    List<ProcessHandle> started =
        ProcessHandle.current()
            .children()
            .filter(child -> !childrenBefore.contains(child.pid()))
            .toList();
    assertThat(started)
        .as("children started by the private stack")
        .hasSize(2)
        .allMatch(ProcessHandle::isAlive);
    assertThat(get(stack.endpoints().registryUrl() + "/subjects").statusCode()).isEqualTo(200);

    // When
    stack.close();
    stack.close();

    // Then
    assertThat(started).as("children after close()").noneMatch(ProcessHandle::isAlive);
    assertThat(childPids()).isEqualTo(childrenBefore);
    assertThatThrownBy(stack::endpoints)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> register(StackEndpoints stack, String subject, String schema)
      throws IOException, InterruptedException {
    String body = "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}";
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(stack.registryUrl() + "/subjects/" + subject + "/versions"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
