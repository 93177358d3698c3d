package io.lstmsignals.trainer.app;

import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import io.lstmsignals.trainer.data.BarDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The trainer's command line: {@code train}, {@code study}, {@code wrap}, {@code evaluate} and
 * {@code walkforward} (its benchmark is {@code bin/bench trainer}). Run it with {@code
 * bin/trainer}, which adds the Vector API module and the logging configuration.
 */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    description = "Trains the study's LSTM in plain Java and exports self-contained ONNX models.",
    subcommands = {
      TrainCommand.class,
      StudyCommand.class,
      WrapCommand.class,
      EvaluateCommand.class,
      WalkForwardCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TrainerMain {

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line, for main and for tests: bad input or environment the user can fix
   * from the message alone is reported without a stack trace.
   */
  public static CommandLine commandLine() {
    return CommandLines.create(
        new TrainerMain(), BarDataException.class, IllegalStateException.class);
  }
}
