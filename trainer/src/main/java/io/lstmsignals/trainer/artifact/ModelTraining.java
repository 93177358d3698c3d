package io.lstmsignals.trainer.artifact;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.export.FeatureScaling;
import io.lstmsignals.trainer.export.ModelCard;
import io.lstmsignals.trainer.export.OnnxModelExporter;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingConfig;
import io.lstmsignals.trainer.train.TrainingListener;
import io.lstmsignals.trainer.train.TrainingResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One model trained with the study's protocol, exported, checked against the Java forward pass and
 * carded: what {@code train}, the retrainer and the walk-forward share, so that the same bars,
 * configuration, seed and identity give the same bytes whichever of them runs it.
 */
public final class ModelTraining {

  /**
   * The largest |Java − ONNX Runtime| predicted log-return the export may show on a test window.
   */
  public static final double PARITY_TOLERANCE = 1e-5;

  /**
   * What names a trained model besides its bars and configuration.
   *
   * @param version null = {@link #defaultVersion}
   * @param dataSource what the card says the bars came from; null = the series' own source (a path,
   *     a topic). Models that must be byte-identical whichever source fed them name it neutrally,
   *     e.g. {@code bars:BTCUSDT/4h}
   * @param parentVersion the version this one was retrained from; null for none
   */
  public record Identity(
      String line, String version, String symbol, String dataSource, String parentVersion) {}

  /**
   * A trained model, ready to write or publish.
   *
   * @param card the final card: identity, data, training, parity and test metrics
   * @param test its own ONNX Runtime predictions on the test rows, scored
   */
  public record TrainedModel(
      ModelProto model,
      ModelCard card,
      StudyDataset dataset,
      TrainingResult result,
      TestEvaluation test,
      double parity) {

    /** The bytes of {@code model.onnx}: the model with the card as its metadata_props. */
    public byte[] onnx() {
      return ModelArtifactWriter.withMetadata(model, card).toByteArray();
    }

    public String version() {
      return card.version();
    }

    /** The sha256 of {@link #onnx}, as releases name it. */
    public String sha256() {
      return ArtifactLayout.sha256(onnx());
    }
  }

  private ModelTraining() {}

  /**
   * Trains, exports and checks one model.
   *
   * @throws io.lstmsignals.trainer.data.BarDataException if the bars cannot make the study's
   *     dataset (a gap, too few)
   * @throws IllegalStateException if training diverges or the export fails its parity check
   */
  public static TrainedModel train(
      Trainer trainer,
      BarSeries bars,
      TrainingConfig config,
      Identity identity,
      TrainingListener listener) {
    StudyDataset dataset = StudyDataset.prepare(bars, Feature.STUDY, config.windowBars());
    TrainingResult result = trainer.train(dataset, config, listener);
    double[] javaPredictions =
        unscaled(dataset, trainer.predictScaled(dataset, result.network(), dataset.testRows()));
    String version =
        identity.version() != null
            ? identity.version()
            : defaultVersion(identity.line(), bars, config);
    FeatureScaling scaling = FeatureScaling.of(dataset);
    Map<String, String> lineage = new LinkedHashMap<>();
    if (identity.dataSource() != null) {
      lineage.put(ModelCardKeys.DATA_SOURCE, identity.dataSource());
    }
    if (identity.parentVersion() != null) {
      lineage.put(ModelCardKeys.PARENT_VERSION, identity.parentVersion());
    }
    ModelCard card =
        ModelCard.describing(version, "trained", identity.symbol(), bars.interval(), scaling)
            .with(ModelCard.dataEntries(dataset))
            .with(lineage)
            .with(ModelCard.trainingEntries(result));
    ModelProto model = OnnxModelExporter.selfContained(result.network(), scaling, card);
    TestEvaluation test = ModelArtifactWriter.evaluate(model, dataset);
    double parity = maxAbsoluteDifference(javaPredictions, test);
    if (!(parity <= PARITY_TOLERANCE)) {
      throw new IllegalStateException(
          "Export check failed: ONNX Runtime differs from the Java forward pass by "
              + parity
              + " on a test window (tolerance "
              + PARITY_TOLERANCE
              + ")");
    }
    card =
        ModelArtifactWriter.finalCard(
            card.with(Map.of("lstm.onnx_parity_max_abs_error", Double.toString(parity))),
            Optional.of(test));
    return new TrainedModel(model, card, dataset, result, test, parity);
  }

  /**
   * The default version of a model trained on {@code bars} with {@code config}: unique for
   * different data, configuration, features or seed ({@link ModelVersions}).
   */
  public static String defaultVersion(String line, BarSeries bars, TrainingConfig config) {
    Map<String, String> configuration = new TreeMap<>(config.asProperties());
    configuration.put("features", Feature.STUDY.toString());
    configuration.put("interval", bars.interval().toString());
    return ModelVersions.defaultVersion(
        line,
        bars.bar(bars.size() - 1).openTime(),
        ModelVersions.fingerprint(configuration, bars.digest()),
        config.seed());
  }

  static double[] unscaled(StudyDataset dataset, double[] scaled) {
    double[] logReturns = new double[scaled.length];
    for (int i = 0; i < scaled.length; i++) {
      logReturns[i] = dataset.targetScaler().unscale(0, scaled[i]);
    }
    return logReturns;
  }

  private static double maxAbsoluteDifference(double[] java, TestEvaluation onnx) {
    double worst = 0;
    for (int i = 0; i < java.length; i++) {
      worst = Math.max(worst, Math.abs(java[i] - onnx.rows().get(i).predictedLogReturn()));
    }
    return worst;
  }
}
