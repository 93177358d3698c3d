package io.lstmsignals.service.cli;

import io.lstmsignals.service.config.InvalidConfigurationException;
import io.lstmsignals.service.preflight.StartupCheckException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The command lines' shared conventions: a refused input or configuration prints one message (every
 * line of it, no stack trace; the trace is logged at DEBUG) and exits with {@value #INVALID_INPUT};
 * a failed start-up check (broker, registry or topic missing) prints its one line the same way and
 * exits with {@value #UNAVAILABLE}; any other failure prints its stack trace and exits with 1;
 * {@code -V} prints the project's version on every command; every command group has a {@code help}
 * subcommand; usage help is as wide as the terminal, and never breaks a config key, a {@code
 * HOST:PORT} or a URL across lines (picocli breaks lines at spaces only).
 */
public final class CommandLines {

  /** Exit code of a command refused for its input, in every command of the project. */
  public static final int INVALID_INPUT = 2;

  /**
   * Exit code of a command that found something it needs missing or unreachable at start-up (the
   * broker, the registry, a topic): retrying later may succeed without changing the command.
   */
  public static final int UNAVAILABLE = 3;

  private static final List<Class<? extends Exception>> ALWAYS_USER_ERRORS =
      List.of(
          InvalidConfigurationException.class,
          IllegalArgumentException.class,
          UncheckedIOException.class,
          IOException.class);

  private CommandLines() {}

  /**
   * The command line of {@code command} with the conventions above.
   *
   * @param userErrors further exception types whose message alone tells the user what to fix (e.g.
   *     a refused model artifact)
   */
  @SafeVarargs
  public static CommandLine create(Object command, Class<? extends Exception>... userErrors) {
    CommandLine commandLine = new CommandLine(command);
    List<Class<? extends Exception>> refused =
        Stream.concat(ALWAYS_USER_ERRORS.stream(), Stream.of(userErrors)).toList();
    commandLine.setExecutionExceptionHandler(
        (exception, cl, parsed) -> {
          boolean unavailable = exception instanceof StartupCheckException;
          if (unavailable || refused.stream().anyMatch(type -> type.isInstance(exception))) {
            cl.getErr()
                .println(cl.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
            cl.getErr().flush();
            // Looked up here, not in a static field: a main may still be choosing its logging
            // set-up when it creates the command line.
            LoggerFactory.getLogger(CommandLines.class).debug("Command stopped", exception);
            return unavailable ? UNAVAILABLE : INVALID_INPUT;
          }
          throw exception;
        });
    CommandLine.IVersionProvider version = () -> new String[] {"lstm-signals " + version()};
    applyToAll(commandLine, version);
    return commandLine;
  }

  private static void applyToAll(CommandLine commandLine, CommandLine.IVersionProvider version) {
    commandLine.getCommandSpec().versionProvider(version);
    if (!commandLine.getSubcommands().isEmpty()
        && !commandLine.getSubcommands().containsKey("help")) {
      commandLine.addSubcommand("help", new CommandLine.HelpCommand());
    }
    commandLine.getSubcommands().values().forEach(sub -> applyToAll(sub, version));
  }

  /** The project's version, as the build wrote it. */
  public static String version() {
    try (InputStream in = CommandLines.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "(unknown version)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "(unknown version)");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the project version", e);
    }
  }
}
