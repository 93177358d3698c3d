package io.lstmsignals.ops.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on 127.0.0.1 in front of a real server (the registry, say), that a test can take
 * down and bring back: while it is down, connections are refused exactly as if the server were
 * stopped, without stopping the stack the other tests share. Closes everything it opened.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile Thread acceptor;

  private TcpProxy(InetSocketAddress target, int port) {
    this.target = target;
    this.port = port;
  }

  /** A proxy to the host and port of {@code url}, on a free local port, not started. */
  public static TcpProxy to(URI url) {
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return new TcpProxy(
          new InetSocketAddress(url.getHost(), url.getPort()), probe.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("No free local port for a proxy", e);
    }
  }

  /** The same URL, through the proxy. */
  public URI through(URI url) {
    return URI.create(
        url.toString().replace(url.getHost() + ":" + url.getPort(), "127.0.0.1:" + port));
  }

  /** Starts accepting and forwarding. */
  public synchronized TcpProxy up() {
    if (server != null) {
      return this;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server = socket;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not listen on 127.0.0.1:" + port, e);
    }
    ServerSocket listening = server;
    acceptor =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (!listening.isClosed()) {
                    try {
                      Socket client = listening.accept();
                      Socket upstream = new Socket(target.getHostString(), target.getPort());
                      open.add(client);
                      open.add(upstream);
                      pipe(client, upstream);
                      pipe(upstream, client);
                    } catch (IOException closed) {
                      return;
                    }
                  }
                });
    return this;
  }

  /** Refuses new connections and cuts the open ones, like a stopped server. */
  public synchronized void down() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    server = null;
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    open.clear();
  }

  private static void pipe(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException cut) {
                // one side went away: the other is closed below
              } finally {
                try {
                  to.close();
                } catch (IOException ignored) {
                  // already closed
                }
              }
            });
  }

  @Override
  public void close() {
    down();
  }
}
