package io.lstmsignals.signals.app;

import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.endpoint.EndpointSettings;
import io.lstmsignals.signals.dashboard.Dashboard;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Serves the dashboard alone, without the processor (e.g. beside processors running elsewhere),
 * until stopped.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description =
        "Serve the read-only live dashboard (signals, equity vs buy-and-hold, drawdown, dead"
            + " letters, model events) without running the processor.")
final class DashboardCommand implements Callable<Integer> {

  @Mixin ServiceOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Settings settings = options.settings(SignalsConfig.SPEC);
    SignalsConfig config = SignalsConfig.from(settings);
    if (config.dashboardPort() < 0) {
      spec.commandLine()
          .getErr()
          .println(SignalsConfig.DASHBOARD_PORT + " is -1: set a port (0 = any free one)");
      return 2;
    }
    try (Dashboard dashboard =
        Dashboard.start(
            config, EndpointSettings.from(settings).authenticator("signals-dashboard"))) {
      spec.commandLine().getOut().println("Dashboard: " + dashboard.url());
      spec.commandLine().getOut().flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "dashboard-stop"));
      stopped.await();
    }
    return 0;
  }
}
