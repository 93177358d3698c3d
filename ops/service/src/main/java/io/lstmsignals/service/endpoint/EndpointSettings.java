package io.lstmsignals.service.endpoint;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Where a service serves {@code /health} and {@code /metrics} (keys declared once, for every
 * service, by {@link CommonKeys#connection}): a port of its own per service, the loopback address
 * unless another is named, and HTTP basic auth when a user name is set.
 *
 * @param bindAddress the address to listen on; 127.0.0.1 by default
 * @param port the port; 0 = any free port (tests), -1 = no endpoint
 * @param username basic-auth user, empty for none
 * @param password basic-auth password (a secret: never logged)
 */
public record EndpointSettings(String bindAddress, int port, String username, String password) {

  public static final String PORT = CommonKeys.HTTP_PORT;
  public static final String BIND_ADDRESS = CommonKeys.HTTP_BIND_ADDRESS;
  public static final String USERNAME = CommonKeys.HTTP_AUTH_USERNAME;
  public static final String PASSWORD = CommonKeys.HTTP_AUTH_PASSWORD;

  /** No endpoint: for a run that ends on its own (e.g. {@code ingest poll --once}). */
  public static final EndpointSettings NONE = new EndpointSettings(CommonKeys.LOOPBACK, -1, "", "");

  /**
   * The endpoint settings of a service's parsed configuration.
   *
   * @throws IllegalArgumentException if a user name is set without a password
   */
  public static EndpointSettings from(Settings settings) {
    String password = settings.secret(PASSWORD);
    if (!settings.string(USERNAME).isBlank() && (password == null || password.isEmpty())) {
      throw new IllegalArgumentException(
          "Missing value for configuration "
              + PASSWORD
              + ": it is required when "
              + USERNAME
              + " is set");
    }
    return new EndpointSettings(
        settings.string(BIND_ADDRESS).strip(),
        settings.integer(PORT),
        settings.string(USERNAME).strip(),
        password == null ? "" : password);
  }

  /** Whether the service serves an endpoint at all. */
  public boolean enabled() {
    return port >= 0;
  }

  /** Whether requests must carry basic-auth credentials. */
  public boolean requiresAuth() {
    return !username.isEmpty();
  }

  /**
   * The basic-auth check of every HTTP server a service runs with these settings ({@code /health},
   * {@code /metrics}, the dashboard); empty when none is asked for.
   */
  public Optional<Authenticator> authenticator(String realm) {
    return requiresAuth()
        ? Optional.of(new CredentialCheck(realm, username, password))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "EndpointSettings[bindAddress="
        + bindAddress
        + ", port="
        + port
        + ", username="
        + username
        + ", password="
        + (password.isEmpty() ? "" : "[hidden]")
        + "]";
  }

  /** Basic auth with a comparison that takes the same time whatever the guess. */
  private static final class CredentialCheck extends BasicAuthenticator {
    private final byte[] username;
    private final byte[] password;

    CredentialCheck(String realm, String username, String password) {
      super(realm);
      this.username = username.getBytes(StandardCharsets.UTF_8);
      this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean checkCredentials(String user, String pass) {
      boolean userMatches = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
      boolean passwordMatches =
          MessageDigest.isEqual(password, pass.getBytes(StandardCharsets.UTF_8));
      return userMatches & passwordMatches;
    }
  }
}
