package io.lstmsignals.trainer.app;

import io.lstmsignals.trainer.data.BarDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The trainer's command line: {@code train}, {@code study}, {@code wrap} and {@code benchmark}. Run
 * it with {@code bin/trainer}, which adds the Vector API module and the logging configuration.
 */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    version = "lstm-signals trainer 0.1.0",
    description = "Trains the study's LSTM in plain Java and exports self-contained ONNX models.",
    subcommands = {
      TrainCommand.class,
      StudyCommand.class,
      WrapCommand.class,
      BenchmarkCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TrainerMain {

  private static final Logger log = LoggerFactory.getLogger(TrainerMain.class);

  /** Exit code of a command refused for its input, as in every command of the project. */
  static final int INVALID_INPUT = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for main and for tests. */
  static CommandLine commandLine() {
    return new CommandLine(new TrainerMain())
        .setExecutionExceptionHandler(
            (exception, commandLine, parseResult) -> {
              if (isUserError(exception)) {
                commandLine
                    .getErr()
                    .println(
                        "trainer " + commandLine.getCommandName() + ": " + exception.getMessage());
                log.debug("Command failed", exception);
                return INVALID_INPUT;
              }
              throw exception;
            });
  }

  /** Bad input or environment the user can fix from the message alone: no stack trace. */
  private static boolean isUserError(Exception exception) {
    return exception instanceof BarDataException
        || exception instanceof IllegalArgumentException
        || exception instanceof IllegalStateException
        || exception instanceof IOException
        || exception instanceof UncheckedIOException;
  }
}
