package io.lstmsignals.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * TLS material for talking to a registry over https, from Confluent's {@code schema.registry.ssl.*}
 * keys. Absent stores fall back to the JVM's defaults (its cacerts; no client certificate).
 */
public record TlsSettings(
    Optional<Path> truststore,
    Optional<String> truststorePassword,
    String truststoreType,
    Optional<Path> keystore,
    Optional<String> keystorePassword,
    String keystoreType,
    Optional<String> keyPassword) {

  public static final String PREFIX = "schema.registry.ssl.";
  public static final String TRUSTSTORE_LOCATION = PREFIX + "truststore.location";
  public static final String TRUSTSTORE_PASSWORD = PREFIX + "truststore.password";
  public static final String TRUSTSTORE_TYPE = PREFIX + "truststore.type";
  public static final String KEYSTORE_LOCATION = PREFIX + "keystore.location";
  public static final String KEYSTORE_PASSWORD = PREFIX + "keystore.password";
  public static final String KEYSTORE_TYPE = PREFIX + "keystore.type";
  public static final String KEY_PASSWORD = PREFIX + "key.password";

  static Optional<TlsSettings> from(Map<String, ?> configs) {
    if (configs.keySet().stream().noneMatch(k -> k.startsWith(PREFIX))) {
      return Optional.empty();
    }
    Optional<Path> truststore =
        RegistryClientConfig.string(configs, TRUSTSTORE_LOCATION).map(Path::of);
    Optional<Path> keystore = RegistryClientConfig.string(configs, KEYSTORE_LOCATION).map(Path::of);
    truststore
        .filter(p -> !Files.isReadable(p))
        .ifPresent(
            p -> {
              throw new ConfigException(
                  TRUSTSTORE_LOCATION, p.toString(), "file does not exist or is not readable");
            });
    keystore
        .filter(p -> !Files.isReadable(p))
        .ifPresent(
            p -> {
              throw new ConfigException(
                  KEYSTORE_LOCATION, p.toString(), "file does not exist or is not readable");
            });
    return Optional.of(
        new TlsSettings(
            truststore,
            RegistryClientConfig.string(configs, TRUSTSTORE_PASSWORD),
            RegistryClientConfig.string(configs, TRUSTSTORE_TYPE).orElse("PKCS12"),
            keystore,
            RegistryClientConfig.string(configs, KEYSTORE_PASSWORD),
            RegistryClientConfig.string(configs, KEYSTORE_TYPE).orElse("PKCS12"),
            RegistryClientConfig.string(configs, KEY_PASSWORD)));
  }

  /** Builds the SSL context these settings describe. */
  public SSLContext sslContext() {
    try {
      TrustManagerFactory tmf = null;
      if (truststore.isPresent()) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(truststore.get(), truststoreType, truststorePassword));
      }
      KeyManagerFactory kmf = null;
      if (keystore.isPresent()) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        char[] keyPass =
            keyPassword.or(() -> keystorePassword).map(String::toCharArray).orElse(null);
        kmf.init(load(keystore.get(), keystoreType, keystorePassword), keyPass);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(
          "Could not build the TLS context for the schema registry from "
              + PREFIX
              + "* settings: "
              + e.getMessage());
    }
  }

  private static KeyStore load(Path path, String type, Optional<String> password)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, password.map(String::toCharArray).orElse(null));
    }
    return store;
  }
}
