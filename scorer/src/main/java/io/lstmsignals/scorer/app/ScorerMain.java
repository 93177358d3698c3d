package io.lstmsignals.scorer.app;

import io.lstmsignals.scorer.model.ModelContractException;
import io.lstmsignals.scorer.onnx.CudaUnavailableException;
import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code scorer} command line. */
@Command(
    name = "scorer",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Scores 4h bars with an ONNX model in Kafka Streams and emits one long/flat signal per bar.",
      "",
      "Each instance keeps the last bars of every symbol of its partitions in a changelogged store, follows the"
          + " compacted models topic for releases of its model, and swaps a verified release in between two bars.",
      ""
    },
    subcommands = {RunCommand.class, ReleaseCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Examples (start the local broker and registry first: bin/stack up):",
      "  bin/scorer release --artifact models/lstm-4h-default --model-name lstm-4h",
      "  bin/scorer run                                   # one instance; start more with the same application.id",
      "  bin/scorer run --set scorer.onnx.provider=cuda-or-cpu   # the GPU if any",
      "Run 'bin/scorer help <command>' for a command's options."
    })
public final class ScorerMain implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The command line: a bad option, config or artifact prints one clear message and exits with 2.
   */
  public static CommandLine commandLine() {
    return CommandLines.create(
        new ScorerMain(), ModelContractException.class, CudaUnavailableException.class);
  }

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }
}
