package io.lstmsignals.trainer.models;

import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/models}: the model lifecycle on the models and promotions topics — which lines exist,
 * their versions and lineage, which version is in force since when, and the decisions that change
 * it (promote, roll back, retire), each recorded with who and why.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "Lists model lines and versions; promotes, rolls back and retires them.",
    subcommands = {
      ListCommand.class,
      ShowCommand.class,
      HistoryCommand.class,
      PromoteCommand.class,
      RollbackCommand.class,
      RetireCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ModelsMain {

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    return CommandLines.create(new ModelsMain(), IllegalStateException.class);
  }
}
