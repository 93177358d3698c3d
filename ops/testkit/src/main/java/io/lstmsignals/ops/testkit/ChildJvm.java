package io.lstmsignals.ops.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A main class of ours run as a separate process, as a user runs it: the same {@code java}, the
 * test's classpath, stdout and stderr into one log file. For tests of what only a whole process
 * shows: its endpoints, its exit code, its log, a restart after a kill.
 */
public final class ChildJvm implements AutoCloseable {
  private static final List<String> JVM_FLAGS =
      List.of(
          "-Xmx384m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "--enable-native-access=ALL-UNNAMED");

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} of the test's own classpath with {@code args}.
   *
   * @param log where its output goes (created, or emptied)
   */
  public static ChildJvm start(String name, Path log, String mainClass, List<String> args) {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return start(name, log, classpath, mainClass, args);
  }

  /**
   * Starts {@code mainClass} of a module on the classpath {@code bin/launch} gives it: the module's
   * classes and its runtime dependencies ({@code target/runtime.classpath}, written at
   * prepare-package), and nothing of the tests'.
   *
   * @param module the module's directory, e.g. {@code ../scorer}
   */
  public static ChildJvm startModule(
      String name, Path log, Path module, String mainClass, List<String> args) {
    Path runtime = module.resolve("target/runtime.classpath");
    try {
      String dependencies = Files.readString(runtime, StandardCharsets.UTF_8).strip();
      String classpath =
          module.resolve("target/classes").toAbsolutePath() + File.pathSeparator + dependencies;
      return start(name, log, classpath, mainClass, args);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read "
              + runtime
              + ": build the module first (./mvnw -Dquick install -pl "
              + module.getFileName()
              + " -am)",
          e);
    }
  }

  private static ChildJvm start(
      String name, Path log, String classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Files.writeString(log, "");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      process.getOutputStream().close();
      return new ChildJvm(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + mainClass + ")", e);
    }
  }

  /**
   * Waits until a line of the output matches {@code pattern} and returns the match.
   *
   * @throws AssertionError with the output so far if the process exits or the timeout passes first
   */
  public Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Matcher> match =
          output().lines().map(pattern::matcher).filter(Matcher::find).findFirst();
      if (match.isPresent()) {
        return match.get();
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited with "
                + process.exitValue()
                + " before printing "
                + pattern
                + ":\n"
                + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            name + " did not print " + pattern + " within " + timeout + ":\n" + output());
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Waits for the process to end on its own; its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " still ran after " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /** Asks it to stop (SIGTERM, as Ctrl-C or {@code docker stop} would) and waits; its exit code. */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    return awaitExit(timeout);
  }

  /** Kills it at once (SIGKILL), as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything it printed so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  /** Kills it if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
