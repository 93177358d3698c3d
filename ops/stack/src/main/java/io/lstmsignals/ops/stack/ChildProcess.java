package io.lstmsignals.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM of the local stack, run by the same {@code java} binary as this JVM, with stdout and
 * stderr appended to one log file. Every child carries {@code -Dlstm.stack.owner=<work dir>} so a
 * later stack in the same work dir can recognise leftovers of a run that was killed before it could
 * stop them.
 */
final class ChildProcess {

  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
  static final String OWNER_PROPERTY = "lstm.stack.owner";
  private static final int LOG_TAIL_LINES = 30;

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code java <jvmArgs...>} in {@code workingDir}, appending its output to {@code
   * logFile}.
   *
   * @param owner the stack's work dir, recorded on the command line
   */
  static ChildProcess startJava(
      String name,
      Path owner,
      List<String> javaArgs,
      Path workingDir,
      Map<String, String> environment,
      Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary().toString());
    command.add(ownerArgument(owner));
    command.addAll(javaArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process
          .getOutputStream()
          .close(); // nothing is ever typed into a child: give it end-of-input at once
      log.debug("Started {} pid={} command={}", name, process.pid(), command);
      return new ChildProcess(name, process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " with " + command.getFirst(), e);
    }
  }

  /**
   * The command-line argument that marks a child as started by the stack working in {@code owner}.
   */
  static String ownerArgument(Path owner) {
    return "-D" + OWNER_PROPERTY + "=" + owner;
  }

  /**
   * The {@code java} of the JVM running this code, so children get the same (already checked) JDK.
   */
  static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** Waits for the child to exit on its own; false if it still runs after {@code timeout}. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  int exitCode() {
    return process.exitValue();
  }

  /** Asks the child to stop (SIGTERM: Kafka and Quarkus shut down cleanly on it). */
  void requestStop() {
    process.destroy();
  }

  /**
   * Waits up to {@code grace} for a requested stop, then kills the child and waits for it to be
   * gone.
   */
  void awaitStop(Duration grace) {
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} pid={} did not stop within {} s; killing it",
            name,
            process.pid(),
            grace.toSeconds());
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The error for a child that exited while it should be starting: its exit code and the end of its
   * log.
   */
  StackStartException diedDuringStart() {
    return new StackStartException(
        name
            + " (pid "
            + process.pid()
            + ") exited with code "
            + process.exitValue()
            + " while starting; last lines of "
            + logFile
            + ":\n"
            + logTail());
  }

  /** The last lines of the log file, for error messages. */
  String logTail() {
    try {
      List<String> lines =
          new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }
}
