package io.lstmsignals.trainer.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.service.cli.CommandLines;
import io.lstmsignals.trainer.app.TrainerMain;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.export.FeatureScaling;
import io.lstmsignals.trainer.export.FeatureScalingJson;
import io.lstmsignals.trainer.export.OnnxModelExporter;
import io.lstmsignals.trainer.testing.StudyData;
import io.lstmsignals.trainer.train.TrainingConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The lifecycle from the command line, on a real broker and registry: the trainer releases what it
 * wraps, {@code models} lists, promotes, rolls back, shows and retires, and refuses what would
 * break the lifecycle.
 */
@WithStack
@Timeout(300)
class ModelsCommandIT {

  @TempDir Path dir;

  private String[] where;
  private Path model;
  private Path spec;

  @Test
  void theLifecycleFromReleaseToRetirement(StackEndpoints stack) throws Exception {
    String prefix = "models-it-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      new TopicProvisioner(admin, Duration.ofSeconds(30))
          .ensure(
              List.of(
                  Topics.MODELS.named(prefix + ".models").spec().withReplicationFactor((short) 1),
                  Topics.MODEL_PROMOTIONS
                      .named(prefix + ".promotions")
                      .spec()
                      .withReplicationFactor((short) 1)));
    }
    where =
        new String[] {
          "--bootstrap-servers",
          stack.bootstrapServers(),
          "--schema-registry-url",
          stack.registryUrl(),
          "--models-topic",
          prefix + ".models",
          "--promotions-topic",
          prefix + ".promotions"
        };

    // Given two wrapped versions released by the trainer, the first also promoted
    model = scaledFeaturesModel();
    spec = dir.resolve("spec.json");
    FeatureScalingJson.write(FeatureScaling.of(StudyData.dataset(16)), spec);
    Result first = wrap("a", "--release", "--promote", "--line", "btc-it", "--reason", "first");
    assertThat(first.exit()).as(first.err()).isZero();
    String v1 = versionIn(first.out());
    assertThat(first.out()).contains("released   btc-it@" + v1).contains("promoted   btc-it@" + v1);
    Result second =
        wrap("b", "--release", "--line", "btc-it", "--trained-to", "2024-11-30T20:00:00Z");
    assertThat(second.exit()).as(second.err()).isZero();
    String v2 = versionIn(second.out());
    assertThat(v2).startsWith("btc-it-20241130T20Z-wrapped-").isNotEqualTo(v1);

    // When listed
    Result list = models("list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("line btc-it: trained for [BTCUSDT]")
        .contains("in force: " + v1 + " since ")
        .containsPattern(Pattern.quote(v1) + " .* IN FORCE")
        .contains(v2);

    // When v2 is promoted, then v1 rolled back to
    assertThat(models("promote", v2, "--reason", "better validation loss").exit()).isZero();
    assertThat(models("list").out()).contains("in force: " + v2);
    Result rollback = models("rollback", "--to", v1, "--reason", "v2 misbehaves live");
    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("btc-it rolled back: ROLLBACK " + v1);
    assertThat(models("list").out()).contains("in force: " + v1);

    // Then the history and the version's record say who decided what, and why
    assertThat(models("history", "--line", "btc-it").out())
        .contains("PROMOTE " + v1)
        .contains("PROMOTE " + v2)
        .contains("better validation loss")
        .contains("ROLLBACK " + v1)
        .contains("v2 misbehaves live");
    Result show = models("show", v2);
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out())
        .contains("btc-it@" + v2)
        .contains("symbols                            [BTCUSDT]")
        .contains("trained                            bars - .. 2024-11-30T20:00Z")
        .contains("promotion                          PROMOTE " + v2);

    // And what would break the lifecycle is refused with the reason, nothing written
    Result unknown = models("promote", "no-such-version", "--line", "btc-it", "--reason", "x");
    assertThat(unknown.exit()).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(unknown.err()).contains("line btc-it has no version no-such-version").contains(v1);
    Result third =
        wrap("c", "--release", "--line", "btc-it", "--trained-to", "2024-10-31T20:00:00Z");
    String v3 = versionIn(third.out());
    Result neverInForce = models("rollback", "--to", v3, "--reason", "x");
    assertThat(neverInForce.exit()).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(neverInForce.err()).contains("was never in force").contains("promote it instead");
    Result reused =
        wrap(
            "d",
            "--release",
            "--line",
            "btc-it",
            "--model-version",
            v1,
            "--trained-to",
            "2024-01-31T00:00:00Z");
    assertThat(reused.exit()).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(reused.err()).contains("exists with sha256").contains("releases are immutable");
    Result noReason = models("promote", v2);
    assertThat(noReason.exit()).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(noReason.err()).contains("--reason");

    // When the line is retired
    assertThat(models("retire", "--line", "btc-it", "--reason", "symbol delisted").exit()).isZero();
    assertThat(models("list").out()).contains("in force: retired; RETIRE").contains("delisted");
  }

  private static String versionIn(String output) {
    Matcher matcher = Pattern.compile("(?m)^version +(\\S+)$").matcher(output);
    assertThat(matcher.find()).as(output).isTrue();
    return matcher.group(1);
  }

  private Path scaledFeaturesModel() throws Exception {
    StudyDataset data = StudyData.dataset(16);
    var trained =
        StudyData.train(
            data, TrainingConfig.STUDY_DEFAULT.withArchitecture(16, 8, 1, 0.0).withMaxEpochs(1));
    return Files.write(
        dir.resolve("scaled.onnx"),
        OnnxModelExporter.scaledFeaturesModel(trained.network(), 16).toByteArray());
  }

  /** {@code trainer wrap --data <study data>} of the test's model and spec into {@code dir/out}. */
  private Result wrap(String out, String... options) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "wrap",
                "--model",
                model.toString(),
                "--spec",
                spec.toString(),
                "--data",
                StudyData.STUDY_CSV.toString(),
                "--out",
                dir.resolve(out).toString()));
    all.addAll(List.of(options));
    all.addAll(List.of(where));
    return run(TrainerMain.commandLine(), all);
  }

  private Result models(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(where));
    return run(ModelsMain.commandLine(), all);
  }

  private static Result run(CommandLine commandLine, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }

  record Result(int exit, String out, String err) {}
}
