package io.lstmsignals.scorer.app;

import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.model.ModelView;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.endpoint.EndpointSettings;
import io.lstmsignals.service.endpoint.Health;
import io.lstmsignals.service.endpoint.OperationsEndpoint;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
      operations.health().readiness("models", () -> modelsInForce(service.models(), Instant.now()));
      log.info(
          "Scorer running application.id={} bars={} signals={} models={} promotions={} lines={}",
          config.applicationId(),
          config.bars().name(),
          config.signals().name(),
          config.models().name(),
          config.promotions().name(),
          config.modelLines().isEmpty() ? "all" : config.modelLines());
      return service.awaitStop() ? 1 : 0;
    }
  }

  /** The topics the scorer reads and writes, each with the key that names it. */
  static List<TopicUse> topics(ScorerConfig config) {
    return List.of(
        TopicUse.reads(config.bars().name(), ScorerConfig.BARS_TOPIC),
        TopicUse.reads(config.models().name(), ScorerConfig.MODELS_TOPIC),
        TopicUse.reads(config.promotions().name(), ScorerConfig.PROMOTIONS_TOPIC),
        TopicUse.writes(config.signals().name(), ScorerConfig.SIGNALS_TOPIC),
        TopicUse.writes(config.barsDeadLetters().name(), ScorerConfig.BARS_TOPIC + " + .dlq"),
        TopicUse.writes(config.modelsDeadLetters().name(), ScorerConfig.MODELS_TOPIC + " + .dlq"));
  }

  /**
   * Readiness by the models: up when the lifecycle topics are read and every line the scorer serves
   * (scorer.model.lines, else every line it knows) has a version in force now whose model is loaded
   * (a retired line needs none); down, naming the lines without one, otherwise (their bars wait).
   */
  static Health.Check modelsInForce(ModelView view, Instant now) {
    if (!view.caughtUp()) {
      return Health.Check.down("reading the models and promotions topics");
    }
    Set<String> served =
        new TreeSet<>(view.followedLines().isEmpty() ? view.lines().lines() : view.followedLines());
    if (served.isEmpty()) {
      return Health.Check.down("no model line released yet");
    }
    List<String> inForce = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (String line : served) {
      Optional<Promotion> deciding = view.lines().deciding(line, now);
      if (deciding.map(p -> p.action() == Promotion.Action.RETIRE).orElse(false)) {
        continue; // out of service: its symbols get NO_MODEL_FOR_SYMBOL, they do not wait
      }
      Optional<String> version = deciding.map(Promotion::version);
      if (version.isPresent()
          && view.loaded().containsKey(ModelVersions.releaseKey(line, version.get()))) {
        inForce.add(line + "@" + version.get());
      } else {
        without.add(line);
      }
    }
    return without.isEmpty()
        ? Health.Check.up("in force: " + String.join(", ", inForce))
        : Health.Check.down("no model in force for " + String.join(", ", without));
  }
}
