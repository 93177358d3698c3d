package io.lstmsignals.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory one local stack owns while it runs, and the child processes started in its name.
 * The directory is locked against a second stack (in this or another JVM) and holds {@code
 * children.pid}, the pids of those children: a stack whose JVM was killed cannot stop its children,
 * so the next stack claiming the same directory stops them, recognising them by their owner
 * argument. Thread-safe: closing (from a shutdown hook, say) while another thread starts children
 * stops every child either way.
 */
final class WorkDir {

  private static final Logger log = LoggerFactory.getLogger(WorkDir.class);

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path pidFile;
  private final List<ChildProcess> children = new ArrayList<>();
  private final List<Path> scratch = new ArrayList<>();
  private boolean closed;

  private WorkDir(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.pidFile = path.resolve("children.pid");
  }

  /**
   * Creates and locks {@code dir}, then stops children that a killed earlier stack left running
   * there.
   *
   * @throws StackStartException if another running stack holds the directory
   */
  static WorkDir claim(Path dir) {
    Path path = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(path);
      FileChannel channel =
          FileChannel.open(
              path.resolve("stack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisJvm) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new StackStartException(
            "work dir "
                + path
                + " is in use by another running local stack; give each"
                + " stack its own (LocalStackOptions.withWorkDir, or --data for bin/stack up)");
      }
      WorkDir workDir = new WorkDir(path, channel, lock);
      try {
        workDir.stopLeftovers();
      } catch (IOException | RuntimeException e) {
        workDir.close(Duration.ZERO);
        throw e;
      }
      return workDir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim the local stack's work dir " + path, e);
    }
  }

  Path path() {
    return path;
  }

  /**
   * A subdirectory for data that matters only while the stack runs: emptied now (it may hold an
   * earlier run's) and deleted when the stack closes. The caller creates it.
   */
  synchronized Path scratch(String name) {
    Path dir = path.resolve(name);
    deleteTree(dir);
    scratch.add(dir);
    return dir;
  }

  /**
   * A subdirectory for data that outlives the stack (a durable stack's broker and registry data):
   * created if missing, kept as it is otherwise, emptied first when {@code wipe}.
   */
  synchronized Path kept(String name, boolean wipe) {
    Path dir = path.resolve(name);
    if (wipe) {
      deleteTree(dir);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir;
  }

  /**
   * Where the stack keeps {@code name}: {@link #kept} for a durable stack, else {@link #scratch}
   * (created).
   */
  Path data(String name, LocalStackOptions options) {
    if (options.durable()) {
      return kept(name, options.fresh());
    }
    Path dir = scratch(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir;
  }

  /**
   * Starts a child JVM marked as this directory's and records its pid.
   *
   * @throws StackStartException if the stack was closed meanwhile
   */
  synchronized ChildProcess startJava(
      String name,
      List<String> javaArgs,
      Path workingDir,
      Map<String, String> environment,
      Path logFile) {
    if (closed) {
      throw new StackStartException(
          "the local stack in " + path + " was closed while starting; " + name + " not started");
    }
    ChildProcess child =
        ChildProcess.startJava(name, path, javaArgs, workingDir, environment, logFile);
    try {
      Files.writeString(
          pidFile,
          child.pid() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      child.requestStop();
      throw new UncheckedIOException("cannot record the pid of " + name + " in " + pidFile, e);
    }
    children.add(child);
    return child;
  }

  /**
   * Stops every child started here (SIGTERM to all, then each gets {@code grace} before it is
   * killed), deletes the scratch directories, forgets the pids and unlocks the directory; the logs
   * stay. Idempotent.
   */
  void close(Duration grace) {
    List<ChildProcess> running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = List.copyOf(children);
    }
    running.forEach(ChildProcess::requestStop);
    running.forEach(child -> child.awaitStop(grace));
    for (Path dir : scratch) {
      try {
        deleteTree(dir);
      } catch (UncheckedIOException e) {
        log.warn("Could not delete {}", dir, e);
      }
    }
    try {
      Files.deleteIfExists(pidFile);
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("Could not release the local stack's work dir {}", path, e);
    }
  }

  private void stopLeftovers() throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    String owner = ChildProcess.ownerArgument(path);
    for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
      ProcessHandle.of(Long.parseLong(line.strip()))
          .filter(ProcessHandle::isAlive)
          .filter(
              handle ->
                  handle.info().arguments().stream()
                      .flatMap(Arrays::stream)
                      .anyMatch(owner::equals))
          .ifPresent(this::stopLeftover);
    }
    Files.delete(pidFile);
  }

  private void stopLeftover(ProcessHandle leftover) {
    log.warn(
        "Stopping pid={} in {}: an earlier local stack left it running (its JVM was killed before it could"
            + " stop its children)",
        leftover.pid(),
        path);
    leftover.destroyForcibly();
    try {
      leftover.onExit().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Leftover pid={} did not exit within 10 s", leftover.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes {@code dir} and everything below it; nothing if it does not exist. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
