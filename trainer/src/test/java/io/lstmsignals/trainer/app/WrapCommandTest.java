package io.lstmsignals.trainer.app;

import static org.assertj.core.api.Assertions.assertThat;

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
            "--symbol",
            "BTCUSDT",
            "--data",
            StudyData.STUDY_CSV.toString());

    // Then the artifact is complete and says where it came from
    assertThat(exit).as(err.toString()).isZero();
    assertThat(Files.readAllLines(artifact.resolve("predictions.csv"))).hasSize(402);
    assertThat(Files.readString(artifact.resolve("model.json")))
        .contains(
            "\"lstm.kind\" : \"wrapped\"",
            "\"lstm.wrapped_from\" : \"scaled.onnx\"",
            "\"lstm.metric.mae\"");
  }
}
