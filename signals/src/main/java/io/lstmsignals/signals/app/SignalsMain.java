package io.lstmsignals.signals.app;

import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The signals command line: {@code run} the P&amp;L processor, {@code tail} a topic, write a {@code
 * report}.
 */
@Command(
    name = "signals",
    mixinStandardHelpOptions = true,
    description =
        "Paper-trading P&L from the long/flat signals: processor, subscription and report.",
    subcommands = {
      RunCommand.class,
      TailCommand.class,
      ReportCommand.class,
      DashboardCommand.class
    })
public final class SignalsMain implements Runnable {

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }

  /** The command line, with the project's conventions (see {@link CommandLines}). */
  public static CommandLine commandLine() {
    return CommandLines.create(new SignalsMain());
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
