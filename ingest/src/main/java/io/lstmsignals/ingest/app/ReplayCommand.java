package io.lstmsignals.ingest.app;

import io.lstmsignals.service.cli.ServiceOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ingest replay}: publishes bar files. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Publishes the bars of CSV files, several symbols merged in time order.",
      "",
      "Files are named SYMBOL-INTERVAL[-anything].csv (e.g. BTCUSDT-4h.csv, LTCUSDT-1h-2024.csv) and hold"
          + " open_time_utc,open,high,low,close,volume (see data/PROVENANCE.md). Prints progress on long runs and"
          + " a summary per symbol at the end: published, rejected, duplicates, already in the topic, gaps.",
      ""
    })
final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ServiceOptions options;

  @Option(
      names = "--topic",
      paramLabel = "NAME",
      description = {
        "Topic of the 4h bars.",
        "Key " + IngestConfig.BARS_TOPIC + ", default lstm.bars.4h."
      })
  String topic;

  @Option(
      names = "--speed",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Pace: N times real time (3600 = one hour of bars per second), or 0 = as fast as possible"
              + " (default: ${DEFAULT-VALUE}).")
  double speed;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "CSV files of bars, e.g. data/BTCUSDT-4h.csv.")
  List<Path> files;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    IngestConfig config =
        IngestConfig.from(
            options.settings(
                IngestConfig.SPEC,
                topic == null ? Map.of() : Map.of(IngestConfig.BARS_TOPIC, topic)));
    ReplayJob.Result result =
        ReplayJob.run(
            config.endpoints(),
            config.barsTopic(),
            files,
            speed,
            true,
            config.plausibility(),
            line -> {
              out.println(line);
              out.flush();
            });
    RunSummary.print(result.tallies(), result.recordsPerFile(), config.barsTopic(), out);
    out.printf(
        Locale.ROOT,
        "replayed %,d records in %.1f s (%,.0f records/s), published %,d bars%n",
        result.records(),
        result.seconds(),
        result.recordsPerSecond(),
        result.published());
    return 0;
  }
}
