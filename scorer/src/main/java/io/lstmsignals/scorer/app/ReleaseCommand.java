package io.lstmsignals.scorer.app;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import io.lstmsignals.scorer.release.ModelPublisher;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scorer release}: publishes a trained artifact directory to the models topic. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Publishes a trained artifact (model.onnx + model.sha256, as the trainer writes them) to the"
          + " compacted models topic as a ModelRelease keyed by model name; every scorer following that name swaps it"
          + " in. The artifact is checked first as a scorer will check it. Rollback: release an older artifact again.",
      "",
      "Connection and security settings come from --config FILE, LSTM_CONF_<KEY>, --set and"
          + " --bootstrap-servers/--schema-registry-url, as for run (on a secured broker only the"
          + " releaser's principal may write the models topic).",
      ""
    })
final class ReleaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServiceOptions options;

  @Option(
      names = "--artifact",
      required = true,
      paramLabel = "DIR",
      description = "The artifact directory.")
  Path artifact;

  @Option(
      names = "--model-name",
      defaultValue = ScorerConfig.DEFAULT_MODEL_NAME,
      paramLabel = "NAME",
      description = "The model line scorers follow (default: ${DEFAULT-VALUE}).")
  String modelName;

  @Option(
      names = "--model-version",
      paramLabel = "VERSION",
      description = "The release version (default: lstm.version from the model card).")
  String version;

  @Option(
      names = "--topic",
      defaultValue = "lstm.models",
      paramLabel = "NAME",
      description = "The models topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Override
  public Integer call() throws Exception {
    ModelRelease release =
        ModelPublisher.releaseOf(
            ArtifactDirectory.read(artifact), modelName, version, Instant.now());
    ScorerConfig config = ScorerConfig.from(options.settings(ScorerConfig.SPEC));
    StartupChecks.requireBrokerAndTopics(
        config.clientConfig(), List.of(TopicUse.writes(topic, "--topic")));
    StartupChecks.requireRegistry(config.serdeConfig());
    RecordMetadata meta =
        ModelPublisher.publish(release, config.clientConfig(), config.serdeConfig(), topic);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "released %s@%s (W=%d, sha256 %s, %d bytes) to %s partition %d offset %d%n",
        release.getModelName(),
        release.getVersion(),
        release.getWindowBars(),
        release.getSha256(),
        release.getArtifact().remaining(),
        meta.topic(),
        meta.partition(),
        meta.offset());
    return 0;
  }
}
