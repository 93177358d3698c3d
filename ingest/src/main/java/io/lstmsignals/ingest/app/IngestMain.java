package io.lstmsignals.ingest.app;

import io.lstmsignals.schemas.contract.BarFileException;
import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code ingest} command line. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Publishes validated 4h OHLCV bars to Kafka, keyed by symbol, one record per bar (record time = bar close).",
      "",
      "Every bar is checked first (positive prices, high/low consistent with open/close, on the 4h UTC grid,"
          + " strictly increasing per symbol); bad input goes to the dead-letter topic <topic>.dlq with the reason,"
          + " and the run goes on. Re-running never publishes a bar twice: each symbol resumes after its last bar"
          + " in the topic. Finer bars (1h, 15m, ...) are aggregated into 4h bars; incomplete 4h slots are"
          + " reported, never published as whole.",
      ""
    },
    subcommands = {ReplayCommand.class, PollCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Examples (start the local broker and registry first: bin/stack up):",
      "  bin/ingest replay data/BTCUSDT-4h.csv data/ETHUSDT-4h.csv",
      "  bin/ingest replay --speed 3600 data/BTCUSDT-4h-2024.csv   # one hour of bars per second",
      "  bin/ingest replay data/LTCUSDT-1h-2024.csv                # 1h bars -> 4h bars",
      "  bin/ingest poll --symbols BTCUSDT,ETHUSDT      # live, from api.binance.com",
      "Run 'bin/ingest help <command>' for a command's options."
    })
public final class IngestMain implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The command line with its error handling: a bad file or option prints one clear line and exits
   * with 2.
   */
  public static CommandLine commandLine() {
    return CommandLines.create(new IngestMain(), BarFileException.class);
  }

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }
}
