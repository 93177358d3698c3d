package io.lstmsignals.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach a schema registry, read from the same configuration keys as Confluent's client, so a
 * producer or consumer config moves between their serde and ours unchanged.
 *
 * <p>Keys: {@code schema.registry.url} (comma-separated; tried in order), {@code
 * basic.auth.credentials.source} ({@code USER_INFO} or {@code URL}), {@code basic.auth.user.info}
 * ({@code user:password}; also accepted with the {@code schema.registry.} prefix), {@code
 * schema.registry.ssl.*} (truststore/keystore location, password, type; key password), {@code
 * http.connect.timeout.ms}, {@code http.read.timeout.ms}, {@code max.retries}, {@code
 * retries.wait.ms}, {@code retries.max.wait.ms}. Unknown keys are ignored: they belong to the
 * client the serde is plugged into.
 *
 * @param urls registry base URLs, e.g. {@code http://localhost:8081} or Apicurio's {@code
 *     http://localhost:8080/apis/ccompat/v7}; a {@code mock://scope} URL selects an in-memory
 *     registry
 * @param userInfo {@code user:password} for HTTP basic auth, if any
 * @param tls TLS material, if any {@code schema.registry.ssl.*} key is set
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed for a response once a request is sent
 * @param maxRetries retries after the first attempt, for connection failures, 429 and 5xx answers
 * @param retryWait backoff before the first retry; doubles each time
 * @param retryMaxWait backoff cap
 */
public record RegistryClientConfig(
    List<URI> urls,
    Optional<String> userInfo,
    Optional<TlsSettings> tls,
    Duration connectTimeout,
    Duration readTimeout,
    int maxRetries,
    Duration retryWait,
    Duration retryMaxWait) {

  public static final String URL = "schema.registry.url";
  public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String USER_INFO = "basic.auth.user.info";
  public static final String PREFIXED_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

  /** The URL scheme of the in-memory registry, after Confluent's {@code mock://} convention. */
  public static final String MOCK_SCHEME = "mock";

  public RegistryClientConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new ConfigException(URL, "", "at least one schema registry URL is required");
    }
  }

  /** Whether this config selects the in-memory registry ({@code mock://scope}). */
  public boolean isMock() {
    return MOCK_SCHEME.equals(urls.get(0).getScheme());
  }

  /** The scope name of a {@code mock://scope} URL. */
  public String mockScope() {
    URI uri = urls.get(0);
    return uri.getHost() != null
        ? uri.getHost()
        : uri.getSchemeSpecificPart().replaceFirst("^//", "");
  }

  /**
   * Reads the registry keys of a Kafka client config.
   *
   * @throws ConfigException naming the key, the value and the rule, for the first invalid key
   */
  public static RegistryClientConfig from(Map<String, ?> configs) {
    List<URI> urls = parseUrls(configs.get(URL));
    String source = string(configs, CREDENTIALS_SOURCE).orElse("URL").toUpperCase(Locale.ROOT);
    Optional<String> userInfo =
        switch (source) {
          case "USER_INFO" -> {
            Optional<String> info =
                string(configs, USER_INFO).or(() -> string(configs, PREFIXED_USER_INFO));
            if (info.isEmpty() || !info.get().contains(":")) {
              throw new ConfigException(
                  USER_INFO,
                  info.orElse(""),
                  "must be user:password when " + CREDENTIALS_SOURCE + "=USER_INFO");
            }
            yield info;
          }
          case "URL" -> Optional.ofNullable(urls.get(0).getUserInfo());
          default ->
              throw new ConfigException(CREDENTIALS_SOURCE, source, "must be USER_INFO or URL");
        };
    return new RegistryClientConfig(
        urls.stream().map(RegistryClientConfig::withoutUserInfo).toList(),
        userInfo,
        TlsSettings.from(configs),
        millis(configs, CONNECT_TIMEOUT_MS, 10_000),
        millis(configs, READ_TIMEOUT_MS, 30_000),
        (int) nonNegative(configs, MAX_RETRIES, 3),
        millis(configs, RETRIES_WAIT_MS, 100),
        millis(configs, RETRIES_MAX_WAIT_MS, 5_000));
  }

  private static List<URI> parseUrls(Object value) {
    if (value == null || value.toString().isBlank()) {
      throw new ConfigException(
          URL, value, "is required, e.g. http://localhost:8081 (or mock://scope for tests)");
    }
    List<URI> urls = new ArrayList<>();
    for (String part : value.toString().split(",")) {
      String trimmed = part.trim().replaceAll("/+$", "");
      try {
        URI uri = URI.create(trimmed);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals(MOCK_SCHEME)) {
          throw new ConfigException(URL, trimmed, "must start with http://, https:// or mock://");
        }
        urls.add(uri);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(URL, trimmed, "is not a URL: " + e.getMessage());
      }
    }
    return urls;
  }

  private static URI withoutUserInfo(URI uri) {
    if (uri.getUserInfo() == null) {
      return uri;
    }
    return URI.create(uri.toString().replace(uri.getRawUserInfo() + "@", ""));
  }

  static Optional<String> string(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    if (value == null) {
      return Optional.empty();
    }
    String text =
        value instanceof org.apache.kafka.common.config.types.Password p
            ? p.value()
            : value.toString();
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  private static Duration millis(Map<String, ?> configs, String key, long defaultMillis) {
    return Duration.ofMillis(nonNegative(configs, key, defaultMillis));
  }

  private static long nonNegative(Map<String, ?> configs, String key, long defaultValue) {
    Object value = configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      long parsed =
          value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
      if (parsed < 0) {
        throw new ConfigException(key, value, "must be >= 0");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "must be a whole number");
    }
  }
}
