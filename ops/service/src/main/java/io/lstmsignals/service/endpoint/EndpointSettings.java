package io.lstmsignals.service.endpoint;

import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.Settings;

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
}
