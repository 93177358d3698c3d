package io.lstmsignals.scorer.app;

import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.endpoint.EndpointSettings;
import io.lstmsignals.service.endpoint.OperationsEndpoint;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scorer run}: one scorer instance, until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Runs one scorer instance until Ctrl-C (it blocks: use another terminal for the rest)."
          + " Instances with the same application.id share the bars' partitions; each follows the"
          + " models topic itself.",
      "",
      "Checks first that the broker and the registry answer and that its topics exist (bin/stack"
          + " topics create makes them). Serves /health and /metrics on http.port (127.0.0.1 by"
          + " default).",
      "",
      "Settings come from --config FILE, then LSTM_CONF_<KEY> environment variables, then --set,"
          + " then --bootstrap-servers/--schema-registry-url. Every key, its default and its valid"
          + " values: scorer/README.md (Configuration) and the sample ops/config/scorer.properties.",
      ""
    })
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ServiceOptions options;

  @Override
  public Integer call() throws Exception {
    Settings settings = options.settings(ScorerConfig.SPEC);
    ScorerConfig config = ScorerConfig.from(settings);
    EndpointSettings endpoint = EndpointSettings.from(settings);
    StartupChecks.requireBrokerAndTopics(CommonKeys.clientConfig(settings), topics(config));
    StartupChecks.requireRegistry(config.serdeConfig());
    try (OperationsEndpoint operations = OperationsEndpoint.start("scorer", endpoint)) {
      ScorerService service = new ScorerService(config, operations.meters(), Clock.systemUTC());
      operations.watch(service.streams());
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, "scorer-shutdown"));
      service.start();
      log.info(
          "Scorer running application.id={} bars={} signals={} models={} model={}",
          config.applicationId(),
          config.bars().name(),
          config.signals().name(),
          config.models().name(),
          config.modelName());
      return service.awaitStop() ? 1 : 0;
    }
  }

  /** The topics the scorer reads and writes, each with the key that names it. */
  static List<TopicUse> topics(ScorerConfig config) {
    return List.of(
        TopicUse.reads(config.bars().name(), ScorerConfig.BARS_TOPIC),
        TopicUse.reads(config.models().name(), ScorerConfig.MODELS_TOPIC),
        TopicUse.writes(config.signals().name(), ScorerConfig.SIGNALS_TOPIC),
        TopicUse.writes(config.barsDeadLetters().name(), ScorerConfig.BARS_TOPIC + " + .dlq"),
        TopicUse.writes(config.modelsDeadLetters().name(), ScorerConfig.MODELS_TOPIC + " + .dlq"));
  }
}
