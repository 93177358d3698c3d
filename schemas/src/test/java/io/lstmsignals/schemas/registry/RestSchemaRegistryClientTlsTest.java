package io.lstmsignals.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client over https: a server certificate made for this test (with the JDK's keytool) is
 * trusted through Confluent's {@code schema.registry.ssl.truststore.*} keys, and an untrusted one
 * is refused with the URL named.
 */
class RestSchemaRegistryClientTlsTest {
  private static final String PASSWORD = "changeit";
  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

  @TempDir static Path dir;
  private static HttpsServer server;
  private static Path truststore;

  @BeforeAll
  static void startHttpsServer() throws Exception {
    Path keystore = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "registry",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    Path certificate = dir.resolve("server.cer");
    keytool(
        "-exportcert",
        "-alias",
        "registry",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        certificate.toString());
    truststore = dir.resolve("trust.p12");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "registry",
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        PASSWORD);

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/schemas/ids/5",
        exchange -> {
          byte[] body =
              ("{\"schema\":" + TextNode.valueOf(SCHEMA.toString()) + "}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("keytool %s: %s", args[0], output).isZero();
  }

  private static String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void shouldTrustTheRegistryThroughTheConfiguredTruststore() {
    try (RestSchemaRegistryClient client =
        new RestSchemaRegistryClient(
            RegistryClientConfig.from(
                Map.of(
                    "schema.registry.url", url(),
                    "schema.registry.ssl.truststore.location", truststore.toString(),
                    "schema.registry.ssl.truststore.password", PASSWORD)))) {
      assertThat(client.schemaById(5)).isEqualTo(SCHEMA);
    }
  }

  @Test
  void shouldRefuseARegistryWhoseCertificateIsNotTrusted() {
    try (RestSchemaRegistryClient client =
        new RestSchemaRegistryClient(
            RegistryClientConfig.from(Map.of("schema.registry.url", url(), "max.retries", 0)))) {
      assertThatThrownBy(() -> client.schemaById(5))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining(url() + "/schemas/ids/5")
          .hasMessageContaining("SSLHandshakeException");
    }
  }
}
