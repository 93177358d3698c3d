package io.lstmsignals.scorer.app;

import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scorer run}: one scorer instance, until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Runs one scorer instance until Ctrl-C. Instances with the same application.id share the bars'"
          + " partitions; each follows the models topic itself.",
      "",
      "Settings come from --config, then --set, then --bootstrap-servers/--schema-registry-url. Keys:"
          + " scorer.model.name (lstm-4h), scorer.window.capacity (49), scorer.bar.interval (4h),"
          + " scorer.onnx.provider (cpu | cuda | cuda-or-cpu), scorer.onnx.cuda.device.id (0),"
          + " scorer.onnx.intra.op.threads (1), scorer.topic.bars/signals/models, application.id (lstm-scorer),"
          + " num.stream.threads (1), commit.interval.ms (100), state.dir, scorer.model.wait.ms (30000),"
          + " streams.<any Streams key>.",
      ""
    })
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConnectionOptions connection;

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting; repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    ScorerConfig config = ScorerConfig.from(properties());
    provisionTopics(config);
    ScorerService service = new ScorerService(config, new SimpleMeterRegistry(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "scorer-shutdown"));
    service.start();
    log.info(
        "Scorer running application.id={} bars={} signals={} models={} model={}",
        config.applicationId(),
        config.barsTopic(),
        config.signalsTopic(),
        config.modelsTopic(),
        config.modelName());
    return service.awaitStop() ? 1 : 0;
  }

  private Properties properties() throws IOException {
    Properties props = new Properties();
    if (configFile != null) {
      try (Reader reader = Files.newBufferedReader(configFile)) {
        props.load(reader);
      }
    }
    props.putAll(settings);
    props.putIfAbsent(ScorerConfig.BOOTSTRAP_SERVERS, connection.bootstrapServers);
    props.putIfAbsent(ScorerConfig.SCHEMA_REGISTRY_URL, connection.registryUrl);
    return props;
  }

  /**
   * Creates the topics the scorer reads and writes when they are missing (an existing topic is left
   * alone).
   */
  private static void provisionTopics(ScorerConfig config) {
    List<TopicSpec> specs =
        List.of(
            Topics.BARS.withName(config.barsTopic()),
            Topics.deadLetterOf(Topics.BARS.withName(config.barsTopic())),
            Topics.SIGNALS.withName(config.signalsTopic()),
            Topics.MODELS.withName(config.modelsTopic()),
            Topics.deadLetterOf(Topics.MODELS.withName(config.modelsTopic())));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
      new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(specs);
    }
  }
}
