package io.lstmsignals.trainer.retrainer;

import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.endpoint.EndpointSettings;
import io.lstmsignals.service.endpoint.Health;
import io.lstmsignals.service.endpoint.OperationsEndpoint;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bin/retrainer}: the periodic retrain-and-redeploy service. */
@Command(
    name = "retrainer",
    mixinStandardHelpOptions = true,
    description = "Retrains model lines on their schedule and puts the winners in force.",
    subcommands = {RetrainerMain.Run.class, CommandLine.HelpCommand.class})
public final class RetrainerMain {

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    return CommandLines.create(new RetrainerMain(), IllegalStateException.class);
  }

  /** {@code retrainer run}: one instance, until stopped. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = {
        "Runs one retrainer instance until Ctrl-C (it blocks: use another terminal for the rest)."
            + " Instances with the same retrainer.group.id share the lines; each decision is"
            + " written in one transaction to the models, promotions and model-events topics.",
        "",
        "Checks first that the broker and the registry answer and that its topics exist (bin/stack"
            + " topics create makes them). Serves /health and /metrics on http.port (127.0.0.1 by"
            + " default).",
        "",
        "Settings come from --config FILE, then LSTM_CONF_<KEY> environment variables, then --set,"
            + " then --bootstrap-servers/--schema-registry-url. Every key, its default and its valid"
            + " values: trainer/README.md (Retraining) and ops/config/retrainer.properties.",
        ""
      })
  static final class Run implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Run.class);

    @Mixin ServiceOptions options;

    @Override
    public Integer call() throws Exception {
      Settings settings = options.settings(RetrainerConfig.SPEC);
      RetrainerConfig config = RetrainerConfig.from(settings);
      EndpointSettings endpoint = EndpointSettings.from(settings);
      StartupChecks.requireBrokerAndTopics(config.clientConfig(), topics(config));
      StartupChecks.requireRegistry(config.serdeConfig());
      try (OperationsEndpoint operations = OperationsEndpoint.start("retrainer", endpoint)) {
        RetrainerService service =
            new RetrainerService(config, operations.meters(), Clock.systemUTC());
        operations
            .health()
            .readiness(
                "lifecycle",
                () ->
                    service.isReady()
                        ? Health.Check.up("lifecycle read, following the bars")
                        : Health.Check.down("reading the lifecycle topics"))
            .liveness(
                "retrainer",
                () ->
                    service
                        .failure()
                        .map(e -> Health.Check.down("stopped: " + e.getMessage()))
                        .orElse(Health.Check.up("running")));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "retrainer-shutdown"));
        service.start();
        config.policies().forEach(policy -> log.info("Retraining {}", policy.describe()));
        return service.awaitStop() ? 1 : 0;
      }
    }
  }

  /** The topics the retrainer reads and writes, each with the key that names it. */
  static List<TopicUse> topics(RetrainerConfig config) {
    List<TopicUse> topics = new ArrayList<>();
    topics.add(TopicUse.reads(config.bars().name(), RetrainerConfig.BARS_TOPIC));
    for (var topic :
        List.of(
            Map.entry(config.models().name(), RetrainerConfig.MODELS_TOPIC),
            Map.entry(config.promotions().name(), RetrainerConfig.PROMOTIONS_TOPIC),
            Map.entry(config.events().name(), RetrainerConfig.EVENTS_TOPIC))) {
      topics.add(TopicUse.reads(topic.getKey(), topic.getValue()));
      topics.add(TopicUse.writes(topic.getKey(), topic.getValue()));
    }
    return topics;
  }
}
