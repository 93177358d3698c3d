package io.lstmsignals.ops.stackcli;

import io.lstmsignals.ops.demo.PipelineTopics;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.StackSecurity;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;

/**
 * What {@code bin/stack up --secure} sets up on its secured broker, as its administrator: the
 * catalogue's topics, one principal per service with exactly its ACLs ({@link ServicePrincipals}),
 * and a client settings file per principal, {@code <data>/secure/<user>.properties}, which the
 * services take with {@code --config}. Those files name the passwords by reference ({@code
 * ${file:<data>/secure/credentials.properties:<user>}}), so they can be shown, copied and printed.
 */
final class SecuredStack {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private SecuredStack() {}

  /** The service principals of the catalogue's topics. */
  static List<ServicePrincipals> principals() {
    return ServicePrincipals.of(PipelineTopics.standard());
  }

  /**
   * Creates the topics and the ACLs, and writes the client files.
   *
   * @return the topics this call created
   */
  static List<String> provision(
      StackEndpoints endpoints, StackSecurity security, List<ServicePrincipals> principals) {
    Map<String, Object> admin = new LinkedHashMap<>(security.kafkaClient(StackSecurity.ADMIN));
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
    List<String> created;
    try (Admin client = Admin.create(admin)) {
      created = new TopicProvisioner(client, TIMEOUT).ensure(PipelineTopics.standard().specs());
      List<AclBinding> acls =
          principals.stream().flatMap(principal -> principal.acls().stream()).toList();
      client.createAcls(acls).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the secured broker did not take the ACLs: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the ACLs", e);
    }
    for (String user : security.users()) {
      write(clientFile(security, user), clientSettings(endpoints, security, user));
    }
    return created;
  }

  /** The client settings file of {@code user}. */
  static Path clientFile(StackSecurity security, String user) {
    return security.credentialsFile().resolveSibling(user + ".properties");
  }

  /**
   * The settings of {@code user} as a properties file: broker, registry, SASL_SSL with SCRAM, the
   * truststore, and basic auth towards the registry; secrets by {@code ${file:...}} reference.
   */
  static String clientSettings(StackEndpoints endpoints, StackSecurity security, String user) {
    String credentials = security.credentialsFile().toAbsolutePath().toString();
    String password = "${file:" + credentials + ":" + user + "}";
    String stores = "${file:" + credentials + ":" + StackSecurity.STORES + "}";
    String truststore = security.truststore().toAbsolutePath().toString();
    return "# Client settings of principal User:"
        + user
        + " on the secured local stack (written by bin/stack up --secure).\n"
        + "# Use them with --config <this file>; the passwords stay in "
        + credentials
        + ".\n"
        + "bootstrap.servers="
        + endpoints.bootstrapServers()
        + "\nsecurity.protocol=SASL_SSL\nsasl.mechanism="
        + StackSecurity.SASL_MECHANISM
        + "\nsasl.jaas.config="
        + escaped(StackSecurity.jaas(user, password))
        + "\nssl.truststore.location="
        + escaped(truststore)
        + "\nssl.truststore.type=PKCS12\nssl.truststore.password="
        + stores
        + (endpoints.hasRegistry()
            ? "\nschema.registry.url="
                + endpoints.registryUrl()
                + "\nbasic.auth.credentials.source=USER_INFO\nbasic.auth.user.info="
                + user
                + ":"
                + password
                + "\nschema.registry.ssl.truststore.location="
                + escaped(truststore)
                + "\nschema.registry.ssl.truststore.type=PKCS12"
                + "\nschema.registry.ssl.truststore.password="
                + stores
            : "")
        + "\n";
  }

  // Properties files read a backslash as an escape.
  private static String escaped(String value) {
    return value.replace("\\", "\\\\");
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
