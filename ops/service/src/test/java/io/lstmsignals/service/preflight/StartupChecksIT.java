package io.lstmsignals.service.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each start-up check against the real broker and registry, and against a closed port. */
@WithStack
@Timeout(120)
class StartupChecksIT {
  private static final Duration LIMIT = Duration.ofSeconds(15);

  private final StackEndpoints stack;

  StartupChecksIT(StackEndpoints stack) {
    this.stack = stack;
  }

  @Test
  void anUnreachableBrokerShouldFailFastNamingItsAddress() throws IOException {
    String closed = "127.0.0.1:" + closedPort();
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                StartupChecks.requireBrokerAndTopics(
                    Map.of("bootstrap.servers", closed),
                    List.of(TopicUse.reads("lstm.bars.4h", "topic"))))
        .isInstanceOf(StartupCheckException.class)
        .hasMessageStartingWith(
            "Kafka broker unreachable at " + closed + " (bootstrap.servers): ConnectException")
        .hasMessageEndingWith("; is it running? bin/stack up starts a local one");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT);
  }

  @Test
  void aMissingTopicShouldBeNamedWithTheKeyThatNamesIt() {
    String present = created("present");
    List<TopicUse> topics =
        List.of(
            TopicUse.reads(present, "scorer.topic.bars"),
            TopicUse.writes("lstm.bars.4h.typo", "scorer.topic.signals"));

    assertThatThrownBy(
            () ->
                StartupChecks.requireBrokerAndTopics(
                    Map.of("bootstrap.servers", stack.bootstrapServers()), topics))
        .isInstanceOf(StartupCheckException.class)
        .hasMessage(
            "Kafka at "
                + stack.bootstrapServers()
                + " has no topic lstm.bars.4h.typo (scorer.topic.signals): topics are created from"
                + " the catalogue by 'bin/stack topics create' (bin/stack up does it), never by a"
                + " service; check the name, or create the topics");
  }

  @Test
  void existingTopicsAndAnAnsweringRegistryShouldPass() {
    String present = created("ok");

    assertThatCode(
            () -> {
              StartupChecks.requireBrokerAndTopics(
                  Map.of("bootstrap.servers", stack.bootstrapServers()),
                  List.of(TopicUse.reads(present, "key"), TopicUse.writes(present, "key")));
              StartupChecks.requireRegistry(AvroSerdeConfig.specificRecords(stack.registryUrl()));
            })
        .doesNotThrowAnyException();
  }

  @Test
  void anUnreachableRegistryShouldFailFastNamingItsUrl() throws IOException {
    String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
    long started = System.nanoTime();

    assertThatThrownBy(() -> StartupChecks.requireRegistry(AvroSerdeConfig.specificRecords(url)))
        .isInstanceOf(StartupCheckException.class)
        .hasMessageStartingWith(
            "schema registry unreachable at " + url + " (schema.registry.url): ")
        .hasMessageEndingWith("; is it running? bin/stack up starts a local one");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT);
  }

  @Test
  void anApicurioUrlWithoutTheConfluentPathShouldGetTheHint() {
    String root = stack.registryUrl().replace("/apis/ccompat/v7", "");

    assertThatThrownBy(() -> StartupChecks.requireRegistry(AvroSerdeConfig.specificRecords(root)))
        .isInstanceOf(StartupCheckException.class)
        .hasMessage(
            "schema registry at "
                + root
                + " (schema.registry.url) does not serve the Confluent API there; it is Apicurio,"
                + " which serves it at "
                + root
                + "/apis/ccompat/v7");
  }

  @Test
  void aUrlThatIsNoRegistryShouldBeSaidToNotSpeakTheConfluentApi() {
    String other = stack.registryUrl().replace("/apis/ccompat/v7", "/apis/registry/v3");

    assertThatThrownBy(() -> StartupChecks.requireRegistry(AvroSerdeConfig.specificRecords(other)))
        .isInstanceOf(StartupCheckException.class)
        .hasMessageStartingWith(
            "schema registry at "
                + other
                + " (schema.registry.url) does not speak the Confluent"
                + " API: ")
        .hasMessageEndingWith("(for Apicurio the URL ends in /apis/ccompat/v7)");
  }

  private String created(String name) {
    String topic = "preflight-" + name + "-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("could not create " + topic, e);
    }
    return topic;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }
}
