package io.lstmsignals.scorer.app;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import io.lstmsignals.scorer.release.ModelPublisher;
import io.lstmsignals.service.cli.LifecycleOptions;
import io.lstmsignals.service.cli.ServiceOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scorer release}: publishes an artifact trained elsewhere (the trainer publishes its own)
 * to the models topic, optionally putting it in force at once.
 */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Publishes a trained artifact (model.onnx + model.sha256, as the trainer writes them) to the"
          + " models topic as an immutable release of a model line, after checking it as a scorer"
          + " will. With --promote it is also put in force for its line (from the next bar); else"
          + " put it in force later with bin/models promote.",
      "",
      "Connection and security settings come from --config FILE, LSTM_CONF_<KEY>, --set and"
          + " --bootstrap-servers/--schema-registry-url, as for run (on a secured broker only the"
          + " releaser's principal may write the models and promotions topics).",
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
      names = "--line",
      defaultValue = ModelVersions.DEFAULT_LINE,
      paramLabel = "LINE",
      description =
          "The model line it belongs to; scorers route the symbols of its card to the line"
              + " (default: ${DEFAULT-VALUE}).")
  String line;

  @Option(
      names = "--model-version",
      paramLabel = "VERSION",
      description = "The release version (default: lstm.version from the model card).")
  String version;

  @Mixin LifecycleOptions lifecycle;

  @Option(names = "--promote", description = "Also put the release in force, from the next bar.")
  boolean promote;

  @Option(
      names = "--reason",
      defaultValue = "released with scorer release",
      paramLabel = "TEXT",
      description = "With --promote: why, for the record (default: ${DEFAULT-VALUE}).")
  String reason;

  @Override
  public Integer call() throws Exception {
    ModelRelease release =
        ModelPublisher.releaseOf(ArtifactDirectory.read(artifact), line, version, Instant.now());
    lifecycle.release(
        options.settings(ScorerConfig.SPEC), release, promote, reason, spec.commandLine().getOut());
    return 0;
  }
}
