package io.lstmsignals.trainer.app;

import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.lifecycle.LifecycleRecords;
import io.lstmsignals.service.cli.LifecycleOptions;
import io.lstmsignals.service.cli.ServiceOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a training command does with the artifact it wrote: nothing (the default), publish it as a
 * release of a model line ({@code --release}), and also put it in force ({@code --promote}). The
 * trainer is the releaser of what it trains.
 */
final class ReleaseOptions {

  @Option(
      names = "--line",
      paramLabel = "LINE",
      description =
          "The model line the model belongs to; also the start of the default version"
              + " (default: ${DEFAULT-VALUE}).")
  String line = ModelVersions.DEFAULT_LINE;

  @Option(
      names = "--release",
      description =
          "Publish the artifact to the models topic as a release of --line (to the broker"
              + " and registry of --config, --set, --bootstrap-servers and"
              + " --schema-registry-url).")
  boolean release;

  @Option(
      names = "--promote",
      description = "With --release: also put it in force for its line, from the next bar.")
  boolean promote;

  @Option(
      names = "--reason",
      defaultValue = "trained and promoted with the trainer",
      paramLabel = "TEXT",
      description = "With --promote: why, for the record (default: ${DEFAULT-VALUE}).")
  String reason;

  @Mixin LifecycleOptions lifecycle;

  /**
   * Does what the options ask for with a written artifact; nothing unless {@code --release}.
   *
   * @param card the artifact's model card (its metadata_props)
   */
  void releaseIfAsked(
      ServiceOptions connection,
      String version,
      byte[] onnx,
      Map<String, String> card,
      PrintWriter out)
      throws InterruptedException {
    if (!release) {
      if (promote) {
        throw new IllegalArgumentException("--promote needs --release");
      }
      return;
    }
    lifecycle.release(
        connection.settings(DataOptions.KAFKA),
        LifecycleRecords.releaseOf(line, version, onnx, card, Instant.now()),
        promote,
        reason,
        out);
  }
}
