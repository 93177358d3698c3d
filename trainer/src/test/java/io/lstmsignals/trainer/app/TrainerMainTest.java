package io.lstmsignals.trainer.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.PredictionsCsv;
import io.lstmsignals.service.cli.CommandLines;
import io.lstmsignals.trainer.artifact.OnnxArtifactPredictor;
import io.lstmsignals.trainer.testing.StudyData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands end to end on small configs: artifacts are complete, bad data is refused before
 * anything is written.
 */
class TrainerMainTest {

  private static final String[] TINY = {
    "--window",
    "16",
    "--hidden",
    "8",
    "--layers",
    "1",
    "--dropout",
    "0",
    "--max-epochs",
    "2",
    "--threads",
    "2"
  };

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void trainWritesACompleteSelfConsistentArtifact() throws IOException {
    Path artifact = dir.resolve("model");

    int exit =
        runTiny("train", "--data", StudyData.STUDY_CSV.toString(), "--out", artifact.toString());

    assertThat(exit).as(err.toString()).isZero();
    byte[] onnx = Files.readAllBytes(artifact.resolve("model.onnx"));
    assertThat(Files.readString(artifact.resolve("model.sha256")))
        .isEqualTo(ArtifactLayout.sha256(onnx) + "  model.onnx\n");
    Map<String, String> card =
        new ObjectMapper()
            .readValue(
                artifact.resolve("model.json").toFile(),
                new TypeReference<Map<String, String>>() {});
    try (OnnxArtifactPredictor predictor = new OnnxArtifactPredictor(onnx)) {
      assertThat(predictor.metadata()).isEqualTo(card);
    }
    assertThat(card)
        .hasEntrySatisfying(
            "lstm.version",
            version -> assertThat(version).matches("lstm-4h-20241130T20Z-[0-9a-f]{8}-seed42"))
        .containsEntry("lstm.window_bars", "16")
        .containsEntry("lstm.symbol", "BTCUSDT")
        .containsKeys("lstm.metric.mae", "lstm.metric.sharpe");
    List<String> predictions = Files.readAllLines(artifact.resolve("predictions.csv"));
    assertThat(predictions).hasSize(402).first().isEqualTo(PredictionsCsv.HEADER);
    assertThat(predictions.get(1)).startsWith("2024-09-25T00:00:00Z,64460.0,");
    assertThat(artifact.resolve("report.md")).exists();
    assertThat(artifact.resolve("equity.svg")).exists();
    assertThat(artifact.resolve("predicted-vs-actual.svg")).exists();
    assertThat(out.toString()).contains("onnx check max |Java - ORT|");
  }

  @Test
  void versionsDifferForDifferentDataConfigOrSeedAndRepeatForTheSame() throws IOException {
    String base = trainedVersion();
    assertThat(trainedVersion()).isEqualTo(base);
    assertThat(trainedVersion("--from", "2024-02-01T00:00:00Z"))
        .isNotEqualTo(base)
        .startsWith("lstm-4h-20241130T20Z-");
    assertThat(trainedVersion("--seed", "7")).isNotEqualTo(base).endsWith("-seed7");
    assertThat(trainedVersion("--learning-rate", "0.002")).isNotEqualTo(base);
    assertThat(trainedVersion("--line", "btc-fast")).startsWith("btc-fast-20241130T20Z-");
  }

  private String trainedVersion(String... extra) throws IOException {
    Path artifact = Files.createTempDirectory(dir, "model").resolve("artifact");
    List<String> args =
        new ArrayList<>(
            List.of(
                "train", "--data", StudyData.STUDY_CSV.toString(), "--out", artifact.toString()));
    args.addAll(List.of(extra));
    assertThat(runTiny(args.toArray(String[]::new))).as(err.toString()).isZero();
    return new ObjectMapper()
        .readValue(
            artifact.resolve("model.json").toFile(), new TypeReference<Map<String, String>>() {})
        .get("lstm.version");
  }

  @Test
  void csvWithABadRowFailsNamingFileAndLineAndWritesNoArtifact() throws IOException {
    Path csv = corruptedCopy(100, "2024-01-17T12:00:00Z,42000,42100,41900,oops,12");
    Path artifact = dir.resolve("model");

    int exit = runTiny("train", "--data", csv.toString(), "--out", artifact.toString());

    assertThat(exit).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(err.toString()).contains(csv + " line 100: close 'oops' is not a number");
    assertThat(artifact).doesNotExist();
  }

  @Test
  void nonFiniteValueFailsAndWritesNoArtifact() throws IOException {
    Path csv = corruptedCopy(7, "2024-01-02T00:00:00Z,42000,42100,41900,42050,Infinity");
    Path artifact = dir.resolve("model");

    int exit = runTiny("train", "--data", csv.toString(), "--out", artifact.toString());

    assertThat(exit).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(err.toString())
        .contains(
            csv
                + " line 7: OhlcvBar 2024-01-02T00:00:00Z: volume Infinity must be finite and >= 0");
    assertThat(artifact).doesNotExist();
  }

  @Test
  void tooFewBarsForTheWindowFailsAndWritesNoArtifact() throws IOException {
    List<String> lines = Files.readAllLines(StudyData.STUDY_CSV).subList(0, 61);
    Path csv = Files.write(dir.resolve("BTCUSDT-4h-short.csv"), lines);
    Path artifact = dir.resolve("model");

    int exit =
        run("train", "--data", csv.toString(), "--out", artifact.toString(), "--window", "48");

    assertThat(exit).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(err.toString())
        .contains("60 bars give 59 return rows")
        .contains("windowBars 48 needs more than 48");
    assertThat(artifact).doesNotExist();
  }

  @Test
  void existingArtifactIsNotOverwrittenWithoutConsent() throws IOException {
    Path artifact = Files.createDirectories(dir.resolve("model"));

    int exit =
        runTiny("train", "--data", StudyData.STUDY_CSV.toString(), "--out", artifact.toString());

    assertThat(exit).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(err.toString()).contains("exists; choose another --out or add --overwrite");
  }

  @Test
  void everyCommandPrintsItsHelp() {
    for (String command : List.of("train", "study", "wrap", "evaluate")) {
      assertThat(run(command, "--help")).as(command).isZero();
      assertThat(out.toString()).contains("Usage: trainer " + command + " [-hV]");
    }
  }

  private Path corruptedCopy(int lineNumber, String replacement) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(StudyData.STUDY_CSV));
    lines.set(lineNumber - 1, replacement);
    return Files.write(dir.resolve("BTCUSDT-4h-corrupt.csv"), lines);
  }

  /** Runs the command line with {@code args} followed by the tiny training config. */
  private int runTiny(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(TINY));
    return run(all.toArray(String[]::new));
  }

  private int run(String... args) {
    CommandLine commandLine = TrainerMain.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
