package io.lstmsignals.signals.app;

import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.endpoint.EndpointSettings;
import io.lstmsignals.service.endpoint.OperationsEndpoint;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.signals.dashboard.Dashboard;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs the P&amp;L processor, and its dashboard unless {@code signals.dashboard.port} is -1, until
 * stopped (SIGTERM / Ctrl-C); exits non-zero if Kafka Streams fails.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Runs the paper-trading P&L processor (Kafka Streams, exactly-once v2) until Ctrl-C (it"
          + " blocks: use another terminal for the rest).",
      "",
      "Checks first that the broker and the registry answer and that its topics exist (bin/stack"
          + " topics create makes them). Serves /health and /metrics on http.port, and the"
          + " dashboard on signals.dashboard.port (127.0.0.1 by"
          + " default).",
      ""
    })
final class RunCommand implements Callable<Integer> {

  @Mixin ServiceOptions options;

  @Override
  public Integer call() throws Exception {
    Settings settings = options.settings(SignalsConfig.SPEC);
    SignalsConfig config = SignalsConfig.from(settings);
    EndpointSettings endpoint = EndpointSettings.from(settings);
    StartupChecks.requireBrokerAndTopics(
        CommonKeys.clientConfig(settings), SignalsService.topics(config));
    StartupChecks.requireRegistry(config.serdeConfig());
    try (OperationsEndpoint operations = OperationsEndpoint.start("signals", endpoint)) {
      SignalsService service = new SignalsService(config, operations.meters());
      operations.watch(service.streams());
      Dashboard dashboard =
          config.dashboardPort() >= 0
              ? Dashboard.start(config, endpoint.authenticator("signals-dashboard"))
              : null;
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
}
