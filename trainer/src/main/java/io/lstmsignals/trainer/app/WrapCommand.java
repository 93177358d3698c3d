package io.lstmsignals.trainer.app;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.trainer.artifact.ModelArtifact;
import io.lstmsignals.trainer.artifact.ModelArtifactWriter;
import io.lstmsignals.trainer.data.CsvBarSource;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.export.FeatureScaling;
import io.lstmsignals.trainer.export.FeatureScalingJson;
import io.lstmsignals.trainer.export.ModelCard;
import io.lstmsignals.trainer.export.OnnxModelWrapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer wrap}: a model exported elsewhere (scaled features [N, W, F] in, scaled prediction
 * out) plus its scaler/feature spec → the same self-contained artifact {@code train} writes.
 */
@Command(
    name = "wrap",
    mixinStandardHelpOptions = true,
    description = "Wrap an ONNX model on scaled features into a self-contained raw-bar artifact.")
final class WrapCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      required = true,
      description =
          "ONNX model: float [N, W, F] scaled features in,"
              + " [N, 1] or [N] scaled prediction out (batch-first, e.g. torch.onnx.export of nn.LSTM + nn.Linear)")
  Path model;

  @Option(
      names = "--spec",
      required = true,
      description = "Scaler/feature spec JSON (see trainer/README.md)")
  Path specFile;

  @Option(names = "--out", required = true, description = "Artifact directory to create")
  Path out;

  @Option(
      names = "--model-version",
      description =
          "Model version. Default: wrapped-<first 12 hex digits of the" + " input model's sha256>")
  String version;

  @Option(
      names = "--symbol",
      defaultValue = "UNKNOWN",
      description = "Symbol the model was trained on")
  String symbol;

  @Option(names = "--interval", defaultValue = "4h", description = "Bar interval. Default: 4h")
  String interval;

  @Option(
      names = "--trained-from",
      description = "Open time of the first training bar, for the card")
  Instant trainedFrom;

  @Option(names = "--trained-to", description = "Open time of the last training bar, for the card")
  Instant trainedTo;

  @Option(
      names = "--data",
      description =
          "Bar CSV to evaluate on (the study's test split): writes"
              + " predictions.csv, the metrics and the report")
  Path data;

  @Option(names = "--overwrite", description = "Replace the artifact directory if it exists")
  boolean overwrite;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    byte[] bytes = Files.readAllBytes(model);
    ModelProto imported = ModelProto.parseFrom(bytes);
    FeatureScaling scaling = FeatureScalingJson.read(specFile);
    Duration barInterval = BarInterval.parse(interval).length();
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("lstm.wrapped_from", model.getFileName().toString());
    provenance.put("lstm.wrapped_sha256", ArtifactLayout.sha256(bytes));
    if (trainedFrom != null) {
      provenance.put(ModelCardKeys.TRAINED_FROM, trainedFrom.toString());
    }
    if (trainedTo != null) {
      provenance.put(ModelCardKeys.TRAINED_TO, trainedTo.toString());
    }
    String modelVersion =
        version != null
            ? version
            : "wrapped-" + provenance.get("lstm.wrapped_sha256").substring(0, 12);
    ModelCard card =
        ModelCard.describing(modelVersion, "wrapped", symbol, barInterval, scaling)
            .with(provenance);
    Optional<StudyDataset> dataset =
        Optional.ofNullable(data)
            .map(
                csv ->
                    StudyDataset.prepare(
                        new CsvBarSource(csv, barInterval).read(),
                        scaling.features(),
                        scaling.windowBars()));
    if (dataset.isPresent()) {
      card = card.with(ModelCard.testEntries(dataset.get()));
    }
    ModelProto wrapped = OnnxModelWrapper.wrap(imported, scaling, card);
    Optional<TestEvaluation> test = dataset.map(d -> ModelArtifactWriter.evaluate(wrapped, d));
    ModelArtifact artifact =
        ModelArtifactWriter.write(out, wrapped, card, test, List.of(), overwrite);
    spec.commandLine()
        .getOut()
        .printf(
            "artifact %s%nversion  %s%nsha256   %s%n",
            artifact.directory(), artifact.card().version(), artifact.sha256());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
