package io.lstmsignals.signals.app;

import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.signals.dashboard.Dashboard;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the P&amp;L processor, and its dashboard unless {@code signals.dashboard.port} is -1, until
 * stopped (SIGTERM / Ctrl-C); exits non-zero if Kafka Streams fails.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the paper-trading P&L processor (Kafka Streams, exactly-once v2) and its dashboard.")
final class RunCommand implements Callable<Integer> {

  @Mixin ServiceOptions options;

  @Option(
      names = "--no-create-topics",
      description = "Do not create missing input/output topics at startup.")
  boolean noCreateTopics;

  @Override
  public Integer call() throws Exception {
    SignalsConfig config = SignalsConfig.from(options.settings(SignalsConfig.SPEC));
    SignalsService service = new SignalsService(config);
    if (!noCreateTopics) {
      service.createTopics();
    }
    Dashboard dashboard = config.dashboardPort() >= 0 ? Dashboard.start(config) : null;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  if (dashboard != null) {
                    dashboard.close();
                  }
                },
                "signals-shutdown"));
    service.start();
    boolean failed = service.awaitStop();
    service.close();
    if (dashboard != null) {
      dashboard.close();
    }
    return failed ? 1 : 0;
  }
}
