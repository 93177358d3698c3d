package io.lstmsignals.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

  @Test
  void shouldReadConfluentKeys() {
    RegistryClientConfig config =
        RegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "http://a:8081, http://b:8081/",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "fred:letmein",
                "http.connect.timeout.ms", "1500",
                "max.retries", 5));

    assertThat(config.urls())
        .containsExactly(URI.create("http://a:8081"), URI.create("http://b:8081"));
    assertThat(config.userInfo()).contains("fred:letmein");
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.maxRetries()).isEqualTo(5);
    assertThat(config.isMock()).isFalse();
  }

  @Test
  void shouldTakeCredentialsFromTheUrlByDefaultAndStripThemFromIt() {
    RegistryClientConfig config =
        RegistryClientConfig.from(Map.of("schema.registry.url", "https://u:p@reg:443/x"));

    assertThat(config.userInfo()).contains("u:p");
    assertThat(config.urls()).containsExactly(URI.create("https://reg:443/x"));
  }

  @Test
  void shouldRecognizeMockScopes() {
    RegistryClientConfig config =
        RegistryClientConfig.from(Map.of("schema.registry.url", "mock://my-test"));

    assertThat(config.isMock()).isTrue();
    assertThat(config.mockScope()).isEqualTo("my-test");
  }

  @Test
  void shouldExplainEveryBadValue() {
    List.<Map<String, Object>>of(
            Map.of(),
            Map.of("schema.registry.url", "ftp://x"),
            Map.of("schema.registry.url", "http://x", "http.read.timeout.ms", "-1"),
            Map.of("schema.registry.url", "http://x", "max.retries", "many"),
            Map.of("schema.registry.url", "http://x", "basic.auth.credentials.source", "USER_INFO"),
            Map.of(
                "schema.registry.url", "http://x", "basic.auth.credentials.source", "SASL_OAUTH"),
            Map.of(
                "schema.registry.url",
                "http://x",
                "schema.registry.ssl.truststore.location",
                "/no/such/file.p12"))
        .forEach(
            bad ->
                assertThatThrownBy(() -> RegistryClientConfig.from(bad))
                    .as("config %s", bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Invalid value"));
  }
}
