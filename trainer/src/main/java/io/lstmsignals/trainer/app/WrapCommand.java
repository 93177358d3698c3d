package io.lstmsignals.trainer.app;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.trainer.artifact.ModelArtifact;
import io.lstmsignals.trainer.artifact.ModelArtifactWriter;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.export.FeatureScaling;
import io.lstmsignals.trainer.export.FeatureScalingJson;
import io.lstmsignals.trainer.export.ModelCard;
import io.lstmsignals.trainer.export.OnnxModelWrapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
              + " [N, 1] or [N] scaled prediction out (batch-first, as PyTorch's ONNX export writes an LSTM + Linear model)")
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
          "Model version. Default: <line>[-<--trained-to>]-wrapped-<hash of the input model, the"
              + " spec, the symbol and the --data bars>")
  String version;

  @Option(
      names = "--trained-from",
      description = "Open time of the first training bar, for the card")
  Instant trainedFrom;

  @Option(names = "--trained-to", description = "Open time of the last training bar, for the card")
  Instant trainedTo;

  /** The bars to evaluate on; their file name also gives the symbol and interval. */
  @Mixin DataOptions data = DataOptions.optional();

  @Mixin ReleaseOptions releasing;

  @Option(names = "--overwrite", description = "Replace the artifact directory if it exists")
  boolean overwrite;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String symbol = data.symbol();
    Duration interval = data.interval();
    byte[] bytes = Files.readAllBytes(model);
    ModelProto imported = ModelProto.parseFrom(bytes);
    FeatureScaling scaling = FeatureScalingJson.read(specFile);
    Optional<BarSeries> bars = data.given() ? Optional.of(data.read()) : Optional.empty();
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
        version != null ? version : defaultVersion(provenance, scaling, symbol, bars);
    ModelCard card =
        ModelCard.describing(modelVersion, "wrapped", symbol, interval, scaling).with(provenance);
    Optional<StudyDataset> dataset =
        bars.map(series -> StudyDataset.prepare(series, scaling.features(), scaling.windowBars()));
    if (dataset.isPresent()) {
      card = card.with(ModelCard.testEntries(dataset.get()));
    }
    ModelProto wrapped = OnnxModelWrapper.wrap(imported, scaling, card);
    Optional<TestEvaluation> test = dataset.map(d -> ModelArtifactWriter.evaluate(wrapped, d));
    ModelArtifact artifact =
        ModelArtifactWriter.write(out, wrapped, card, test, List.of(), overwrite);
    PrintWriter console = spec.commandLine().getOut();
    console.printf(
        "artifact   %s%nversion    %s%nsha256     %s%n",
        artifact.directory(), artifact.card().version(), artifact.sha256());
    if (test.isPresent()) {
      EvaluationLines.print(console, "test", test.get());
    }
    console.flush();
    releasing.releaseIfAsked(
        data.connection,
        artifact.card().version(),
        artifact.onnx(),
        artifact.card().entries(),
        console);
    return 0;
  }

  /**
   * Different input model, spec, symbol, training range or evaluation bars give different versions.
   */
  private String defaultVersion(
      Map<String, String> provenance,
      FeatureScaling scaling,
      String symbol,
      Optional<BarSeries> bars) {
    Map<String, String> identity = new TreeMap<>(provenance);
    identity.put("symbol", symbol);
    identity.put("interval", data.interval().toString());
    identity.put("windowBars", Integer.toString(scaling.windowBars()));
    identity.put("features", scaling.features().toString());
    identity.put("featureMin", Arrays.toString(scaling.featureScaler().mins()));
    identity.put("featureMax", Arrays.toString(scaling.featureScaler().maxes()));
    identity.put("target", scaling.targetScaler().min(0) + ".." + scaling.targetScaler().max(0));
    return ModelVersions.wrappedVersion(
        releasing.line,
        trainedTo,
        ModelVersions.fingerprint(identity, bars.map(BarSeries::digest).orElse("none")));
  }
}
