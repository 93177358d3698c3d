package io.lstmsignals.trainer.app;

import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.trainer.artifact.OnnxArtifactPredictor;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.RowRange;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.ForecastRow;
import io.lstmsignals.trainer.eval.TestEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer evaluate}: an existing artifact scored on bars with the study's metrics, split
 * into the bars the model never saw (predicted bar opening after its last validation bar) and the
 * ones it did, which are not evidence of anything.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Score an artifact on a bar file (or the bars topic) with the study's metrics, out-of-sample"
            + " bars apart.")
final class EvaluateCommand implements Callable<Integer> {

  /** Which windows to score. */
  enum Rows {
    /** Every bar with a full window before it. */
    all,
    /** The study's test split of the data (its last 20 %). */
    test
  }

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Artifact directory (model.onnx and model.sha256), as train and wrap write it")
  Path model;

  @Mixin DataOptions data = DataOptions.optional();

  @Option(
      names = "--rows",
      defaultValue = "all",
      description = "Windows to score: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
  Rows rows;

  @Option(
      names = "--predictions",
      paramLabel = "CSV",
      description = "Also write the predictions (predictions.csv format) to this file")
  Path predictions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!data.given()) {
      throw new IllegalArgumentException("Give the bars to score: --data CSV or --from-kafka");
    }
    byte[] onnx = ArtifactLayout.readModel(model);
    PrintWriter out = spec.commandLine().getOut();
    try (OnnxArtifactPredictor predictor = new OnnxArtifactPredictor(onnx)) {
      Map<String, String> card = predictor.metadata();
      List<Feature> features = features(card);
      int windowBars = Integer.parseInt(card.getOrDefault(ModelCardKeys.WINDOW_BARS, "").strip());
      BarSeries bars = data.read();
      StudyDataset dataset = StudyDataset.prepare(bars, features, windowBars);
      RowRange scored =
          rows == Rows.test ? dataset.testRows() : new RowRange(windowBars, dataset.rows());
      TestEvaluation all =
          TestEvaluation.of(dataset, scored, predictor.predictRows(dataset, scored));
      Optional<Instant> sawUntil = lastBarSeen(card);

      out.printf(
          "model      %s (%s, sha256 %s)%n",
          card.get(ModelCardKeys.VERSION), model, ArtifactLayout.sha256(onnx));
      out.printf(
          "trained    for %s; bars seen in training or validation up to %s%n",
          card.getOrDefault(ModelCardKeys.SYMBOLS, card.get(ModelCardKeys.SYMBOL)),
          sawUntil.map(Instant::toString).orElse("(not on its card)"));
      out.printf(
          "data       %s %s, %d bars, %d windows scored (%s)%n",
          data.symbol(), bars.source(), bars.size(), scored.size(), rows);
      String symbols = card.getOrDefault(ModelCardKeys.SYMBOLS, "");
      if (Arrays.stream(symbols.split(",")).noneMatch(s -> s.strip().equals(data.symbol()))) {
        out.printf(
            "WARNING    the model was trained for %s, not %s: its features may not transfer%n",
            symbols, data.symbol());
      }
      if (sawUntil.isEmpty()) {
        EvaluationLines.print(out, "all", all);
        out.println(
            "           (unknown which bars the model saw: none can be called out-of-sample)");
      } else {
        List<ForecastRow> outOfSample =
            all.rows().stream().filter(row -> row.targetTime().isAfter(sawUntil.get())).toList();
        List<ForecastRow> inSample =
            all.rows().stream().filter(row -> !row.targetTime().isAfter(sawUntil.get())).toList();
        if (outOfSample.isEmpty()) {
          out.println("out-of-sample: none of these bars (the model saw them all)");
        } else {
          EvaluationLines.print(out, "out-of-sample", TestEvaluation.of(outOfSample));
        }
        if (!inSample.isEmpty()) {
          EvaluationLines.print(out, "in-sample", TestEvaluation.of(inSample));
          out.println(
              "           (in-sample: the model saw these bars; their figures are no evidence)");
        }
      }
      if (predictions != null) {
        writePredictions(all);
        out.printf("predictions %s%n", predictions);
      }
      out.flush();
    }
    return 0;
  }

  private static List<Feature> features(Map<String, String> card) {
    String ids = card.get(ModelCardKeys.FEATURES);
    if (ids == null) {
      throw new IllegalArgumentException(
          "The model's card has no "
              + ModelCardKeys.FEATURES
              + ": not an artifact of this project");
    }
    return Arrays.stream(ids.split(",")).map(String::strip).map(Feature::byId).toList();
  }

  /** The open time of the newest bar the model was fitted or validated on, from its card. */
  private static Optional<Instant> lastBarSeen(Map<String, String> card) {
    return Optional.ofNullable(
            card.getOrDefault(ModelCardKeys.VALIDATED_TO, card.get(ModelCardKeys.TRAINED_TO)))
        .map(Instant::parse);
  }

  private void writePredictions(TestEvaluation evaluation) throws IOException {
    try (Writer writer = Files.newBufferedWriter(predictions)) {
      evaluation.writePredictions(writer);
    }
  }
}
