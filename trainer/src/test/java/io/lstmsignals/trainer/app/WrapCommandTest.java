package io.lstmsignals.trainer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmsignals.service.cli.CommandLines;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.export.FeatureScaling;
import io.lstmsignals.trainer.export.FeatureScalingJson;
import io.lstmsignals.trainer.export.OnnxModelExporter;
import io.lstmsignals.trainer.testing.StudyData;
import io.lstmsignals.trainer.train.TrainingConfig;
import io.lstmsignals.trainer.train.TrainingResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WrapCommandTest {

  @TempDir Path dir;

  @Test
  void wrapTurnsAScaledFeaturesModelAndItsSpecIntoAnEvaluatedArtifact() throws Exception {
    // Given a model on scaled features and its spec file, as another tool would export them
    StudyDataset data = StudyData.dataset(16);
    TrainingResult trained =
        StudyData.train(
            data, TrainingConfig.STUDY_DEFAULT.withArchitecture(16, 8, 1, 0.0).withMaxEpochs(1));
    Path model =
        Files.write(
            dir.resolve("scaled.onnx"),
            OnnxModelExporter.scaledFeaturesModel(trained.network(), 16).toByteArray());
    Path spec = dir.resolve("spec.json");
    FeatureScalingJson.write(FeatureScaling.of(data), spec);
    assertThat(FeatureScalingJson.read(spec)).isEqualTo(FeatureScaling.of(data));

    // When it is wrapped and evaluated on the study data
    StringWriter err = new StringWriter();
    CommandLine commandLine = TrainerMain.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(err, true));
    Path artifact = dir.resolve("wrapped");
    int exit =
        commandLine.execute(
            "wrap",
            "--model",
            model.toString(),
            "--spec",
            spec.toString(),
            "--out",
            artifact.toString(),
            "--data",
            StudyData.STUDY_CSV.toString());

    // Then the artifact is complete and says where it came from
    assertThat(exit).as(err.toString()).isZero();
    assertThat(Files.readAllLines(artifact.resolve("predictions.csv"))).hasSize(402);
    assertThat(Files.readString(artifact.resolve("model.json")))
        .contains(
            "\"lstm.kind\" : \"wrapped\"",
            "\"lstm.wrapped_from\" : \"scaled.onnx\"",
            "\"lstm.symbol\" : \"BTCUSDT\"",
            "\"lstm.metric.mae\"");
    String version = cardOf(artifact).get("lstm.version");
    assertThat(version).matches("lstm-4h-wrapped-[0-9a-f]{8}");

    // And a different spec (or data) gives another version
    Path other = dir.resolve("other.json");
    Files.writeString(
        other, Files.readString(spec).replace("\"targetMax\" : ", "\"targetMax\" : 1"));
    assertThat(
            commandLine.execute(
                "wrap",
                "--model",
                model.toString(),
                "--spec",
                other.toString(),
                "--out",
                dir.resolve("other").toString(),
                "--data",
                StudyData.STUDY_CSV.toString()))
        .as(err.toString())
        .isZero();
    assertThat(cardOf(dir.resolve("other")).get("lstm.version")).isNotEqualTo(version);
  }

  @Test
  void aSpecWithBadBoundsIsRefusedNamingEveryBadField() throws Exception {
    Path spec = dir.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"windowBars": 16,
         "features": ["log_return", "log1p_volume", "high_minus_low", "close_minus_open"],
         "featureMin": [0.1, 1.0, 0.0], "featureMax": [0.1, 2.0, "NaN"],
         "targetMin": 0.05, "targetMax": -0.05}
        """);

    assertThatThrownBy(() -> FeatureScalingJson.read(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("featureMin has 3 values for 4 features")
        .hasMessageContaining("featureMax has 3 values for 4 features")
        .hasMessageContaining("featureMin[0] (log_return) = 0.1 must be < featureMax[0] = 0.1")
        .hasMessageContaining("featureMin[2] (high_minus_low) and featureMax[2] must be finite")
        .hasMessageContaining("targetMin = 0.05 must be < targetMax = -0.05");
  }

  @Test
  void withoutDataOrSymbolWrapAsksForTheSymbolInsteadOfGuessing() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine commandLine = TrainerMain.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    Path spec = dir.resolve("spec.json");
    FeatureScalingJson.write(FeatureScaling.of(StudyData.dataset(16)), spec);

    int exit =
        commandLine.execute(
            "wrap",
            "--model",
            spec.toString(),
            "--spec",
            spec.toString(),
            "--out",
            dir.resolve("x").toString());

    assertThat(exit).isEqualTo(CommandLines.INVALID_INPUT);
    assertThat(err.toString()).contains("Give --symbol or --data");
  }

  static Map<String, String> cardOf(Path artifact) throws Exception {
    return new ObjectMapper()
        .readValue(
            artifact.resolve("model.json").toFile(), new TypeReference<Map<String, String>>() {});
  }
}
