package io.lstmsignals.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

  @Test
  void defaultsShouldPickFreePortsAndStartTheRegistry() {
    // When
    LocalStackOptions options = LocalStackOptions.defaults();

    // Then
    assertThat(options.kafkaPort()).isZero();
    assertThat(options.registryPort()).isZero();
    assertThat(options.startRegistry()).isTrue();
    assertThat(options.durable()).as("tests' stacks keep no data").isFalse();
    assertThat(options.secure()).isFalse();
    assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void withersShouldChangeOnlyTheirField() {
    // When
    LocalStackOptions options =
        LocalStackOptions.defaults()
            .withWorkDir(Path.of("target/x"))
            .withKafkaPort(19092)
            .withRegistryPort(18081)
            .withStartTimeout(Duration.ofSeconds(30))
            .withStartRegistry(false)
            .withDurableData(true)
            .withFresh(true)
            .withSecurity(List.of("scorer"));

    // Then
    assertThat(options)
        .isEqualTo(
            new LocalStackOptions(
                Path.of("target/x"),
                19092,
                18081,
                Duration.ofSeconds(30),
                false,
                true,
                true,
                List.of("scorer")));
    assertThat(options.secure()).isTrue();
  }

  @Test
  void portMustBeInRange() {
    assertThatThrownBy(() -> LocalStackOptions.defaults().withKafkaPort(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LocalStackOptions: kafkaPort 70000 must be 0 (any free port) or 1..65535");
    assertThatThrownBy(() -> LocalStackOptions.defaults().withRegistryPort(-1))
        .hasMessage("LocalStackOptions: registryPort -1 must be 0 (any free port) or 1..65535");
  }

  @Test
  void kafkaAndRegistryPortsMustDiffer() {
    assertThatThrownBy(
            () -> LocalStackOptions.defaults().withKafkaPort(9092).withRegistryPort(9092))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "LocalStackOptions: kafkaPort and registryPort are both 9092: they must differ");
  }

  @Test
  void startTimeoutMustBePositive() {
    assertThatThrownBy(() -> LocalStackOptions.defaults().withStartTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LocalStackOptions: startTimeout PT0S must be positive");
  }
}
