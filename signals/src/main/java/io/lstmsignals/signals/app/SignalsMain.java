package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.cli.CommandLineLogging;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The signals command line: {@code run} the P&amp;L processor, {@code tail} a topic, write a {@code
 * report}.
 */
@Command(
    name = "signals",
    mixinStandardHelpOptions = true,
    description =
        "Paper-trading P&L from the long/flat signals: processor, subscription and report.",
    subcommands = {RunCommand.class, TailCommand.class, ReportCommand.class})
public final class SignalsMain implements Runnable {

  /** Exit code of a command refused for its configuration or arguments. */
  static final int INVALID_INPUT = 2;

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, with invalid configuration reported as its message alone (every problem, one
   * per line) and exit code {@value #INVALID_INPUT}; other failures print their stack trace and
   * exit 1.
   */
  static CommandLine commandLine() {
    return new CommandLine(new SignalsMain())
        .setExecutionExceptionHandler(
            (e, commandLine, parseResult) -> {
              if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println(e.getMessage());
                return INVALID_INPUT;
              }
              throw e;
            });
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
