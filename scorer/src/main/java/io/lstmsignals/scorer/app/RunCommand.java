package io.lstmsignals.scorer.app;

import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.service.cli.ServiceOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
      "Runs one scorer instance until Ctrl-C. Instances with the same application.id share the bars'"
          + " partitions; each follows the models topic itself.",
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
    ScorerConfig config = ScorerConfig.from(options.settings(ScorerConfig.SPEC));
    provisionTopics(config);
    ScorerService service = new ScorerService(config, new SimpleMeterRegistry(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "scorer-shutdown"));
    service.start();
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

  /**
   * Creates the topics the scorer reads and writes when they are missing (an existing topic is left
   * alone).
   */
  private static void provisionTopics(ScorerConfig config) {
    List<TopicSpec> specs =
        List.of(
            config.bars().spec(),
            config.barsDeadLetters().spec(),
            config.signals().spec(),
            config.models().spec(),
            config.modelsDeadLetters().spec(),
            config.promotions().spec());
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
      new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(specs);
    }
  }
}
