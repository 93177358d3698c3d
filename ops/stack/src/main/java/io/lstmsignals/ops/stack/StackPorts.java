package io.lstmsignals.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The 127.0.0.1 ports of a local stack: Kafka's client, controller and (secured stack) inter-broker
 * listeners, the registry's HTTP and management ports, and, behind the secured stack's TLS proxy,
 * the registry's own. Requested ports are checked before anything starts; the others are picked
 * free.
 */
record StackPorts(
    int kafka, int controller, int registry, int management, int internal, int registryInternal) {

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  static final String KAFKA_PORT_OPTION =
      "--kafka-port (bin/stack up) or LocalStackOptions.withKafkaPort";
  static final String REGISTRY_PORT_OPTION =
      "--registry-port (bin/stack up) or LocalStackOptions.withRegistryPort";

  /**
   * Binds the requested ports (0 = any free one) and picks free ports for the rest, holding every
   * probe socket until all are chosen so that no two roles get the same port, then releases them
   * for the children to bind.
   *
   * @throws StackStartException if a requested port is taken, naming the option that chooses
   *     another
   */
  static StackPorts allocate(int kafkaPort, int registryPort) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int kafka = hold(held, kafkaPort, KAFKA_PORT_OPTION);
      int registry = hold(held, registryPort, REGISTRY_PORT_OPTION);
      int controller = hold(held, 0, "");
      int management = hold(held, 0, "");
      int internal = hold(held, 0, "");
      int registryInternal = hold(held, 0, "");
      return new StackPorts(kafka, controller, registry, management, internal, registryInternal);
    } finally {
      held.forEach(StackPorts::closeQuietly);
    }
  }

  private static int hold(List<ServerSocket> held, int port, String option) {
    try {
      ServerSocket socket = new ServerSocket();
      held.add(socket);
      socket.bind(new InetSocketAddress(LOOPBACK, port));
      return socket.getLocalPort();
    } catch (IOException e) {
      if (port == 0) {
        throw new UncheckedIOException(
            "cannot bind any free port on " + LOOPBACK.getHostAddress(), e);
      }
      throw new StackStartException(
          "port "
              + port
              + " on "
              + LOOPBACK.getHostAddress()
              + " is already in use; choose another with "
              + option
              + ", or 0 for any free port");
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // A probe socket: nothing else holds it, closing cannot lose anything.
    }
  }
}
