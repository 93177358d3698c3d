package io.lstmsignals.signals.app;

import io.lstmsignals.performance.stats.StationaryBootstrap;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
import io.lstmsignals.signals.report.PerformanceReport;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Reads the whole P&amp;L topic (committed records, up to its end at the start of the command), the
 * fills (for the costs) and the models topic (for each version's ranges), and writes the report of
 * every symbol and the portfolio for a time range: {@code report.md} plus one equity SVG per
 * series, out-of-sample bars first (see {@link PerformanceReport}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write a Markdown + SVG performance report (per symbol and portfolio) from the P&L topic.")
final class ReportCommand implements Callable<Integer> {

  @Mixin ServiceOptions options;
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = "var/report",
      paramLabel = "DIR",
      description = "Directory for report.md and the charts (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      description = "First bar close time, e.g. 2024-09-25T00:00:00Z.")
  Instant from = Instant.MIN;

  @Option(
      names = "--to",
      paramLabel = "INSTANT",
      description = "Bars closing before this instant (default: all).")
  Instant to = Instant.MAX;

  @Override
  public Integer call() throws Exception {
    Settings settings = options.settings(SignalsConfig.SPEC);
    SignalsConfig config = SignalsConfig.from(settings);
    StartupChecks.requireBrokerAndTopics(
        CommonKeys.clientConfig(settings),
        List.of(TopicUse.reads(config.pnl().name(), SignalsConfig.PNL_TOPIC)));
    StartupChecks.requireRegistry(config.serdeConfig());
    PerformanceReport.Inputs inputs = ReportSources.read(config);
    Path file = new PerformanceReport(inputs, from, to, StationaryBootstrap.standard()).write(out);
    spec.commandLine()
        .getOut()
        .println("Wrote " + file.toAbsolutePath() + " (" + inputs.series().size() + " series)");
    return 0;
  }
}
