package io.lstmsignals.bench;

import io.lstmsignals.bench.ingest.IngestBenchmark;
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
    subcommands = {ScorerBenchmark.class, IngestBenchmark.class, TrainerBenchmark.class},
    footer = {
      "",
      "Examples (scorer and ingest measure through a running broker: bin/stack up first):",
      "  bin/bench scorer --artifact models/lstm-4h-default",
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

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    CommandLine commandLine = CommandLines.create(new BenchMain());
    System.exit(commandLine.execute(args));
  }
}
