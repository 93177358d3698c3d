package io.lstmsignals.trainer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.contract.PredictionsCsv;
import io.lstmsignals.trainer.testing.StudyData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code trainer evaluate} on an artifact {@code train} wrote: out-of-sample bars apart. */
class EvaluateCommandTest {

  @TempDir static Path dir;
  static Path artifact;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void trainATinyModel() {
    artifact = dir.resolve("model");
    // Trained on bars up to October 2024: November and December are out-of-sample.
    int exit =
        TrainerMain.commandLine()
            .execute(
                "train",
                "--data",
                StudyData.STUDY_CSV.toString(),
                "--to",
                "2024-11-01T00:00:00Z",
                "--out",
                artifact.toString(),
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
                "2");
    assertThat(exit).isZero();
  }

  @Test
  void evaluatingOnTheWholeYearSeparatesTheBarsTheModelSawFromTheOnesItDidNot() throws Exception {
    Path predictions = dir.resolve("predictions.csv");

    int exit =
        run(
            "evaluate",
            "--model",
            artifact.toString(),
            "--data",
            StudyData.STUDY_CSV.toString(),
            "--predictions",
            predictions.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("data       BTCUSDT")
        .containsPattern("out-of-sample MAE [0-9.]+ .*\\(\\d+ rows\\)")
        .containsPattern("in-sample  MAE [0-9.]+ .*\\(\\d+ rows\\)")
        .contains("their figures are no evidence")
        .contains("no costs")
        .doesNotContain("WARNING");
    List<String> rows = Files.readAllLines(predictions);
    assertThat(rows.getFirst()).isEqualTo(PredictionsCsv.HEADER);
    // Every bar of the file with W + 1 = 17 bars before it (2010 bars).
    assertThat(rows).hasSize(1 + 2010 - 17);
  }

  @Test
  void evaluatingOnAnotherSymbolWarnsThatTheFeaturesMayNotTransfer() {
    int exit =
        run(
            "evaluate",
            "--model",
            artifact.toString(),
            "--data",
            "../data/LTCUSDT-4h-2024.csv",
            "--rows",
            "test");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("WARNING    the model was trained for BTCUSDT, not LTCUSDT")
        .contains("out-of-sample");
  }

  private int run(String... args) {
    CommandLine commandLine = TrainerMain.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
