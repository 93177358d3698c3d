package io.lstmsignals.bench;

import io.lstmsignals.bench.ingest.IngestBenchmark;
import io.lstmsignals.bench.scorer.LiveBenchmark;
import io.lstmsignals.bench.scorer.ScorerBenchmark;
import io.lstmsignals.bench.trainer.TrainerBenchmark;
import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bin/bench}: the project's benchmarks, outside every service's own code. Each prints only
 * figures it measured in the same run, as ratios against a baseline measured beside them.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Benchmarks of the stages, each against a baseline measured in the same run.",
      ""
    },
    subcommands = {
      ScorerBenchmark.class,
      LiveBenchmark.class,
      IngestBenchmark.class,
      TrainerBenchmark.class
    },
    footer = {
      "",
      "Examples (scorer, live and ingest measure through a running broker: bin/stack up first):",
      "  bin/bench scorer --levers --profile runs/scorer.jfr",
      "  LSTM_JAVA_OPTS=-Xmx1g bin/bench live",
      "  bin/bench ingest",
      "  bin/bench trainer",
      "Run 'bin/bench help <benchmark>' for its options."
    })
public final class BenchMain implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with the project's conventions (exit 2 for refused input, help, -V). */
  public static CommandLine commandLine() {
    return CommandLines.create(new BenchMain());
  }

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }
}
