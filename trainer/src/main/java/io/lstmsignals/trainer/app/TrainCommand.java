package io.lstmsignals.trainer.app;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.trainer.artifact.ModelArtifact;
import io.lstmsignals.trainer.artifact.ModelArtifactWriter;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.export.FeatureScaling;
import io.lstmsignals.trainer.export.ModelCard;
import io.lstmsignals.trainer.export.OnnxModelExporter;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingConfig;
import io.lstmsignals.trainer.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer train}: one config, one seed, the study's protocol → one self-contained artifact
 * directory. Bad data fails before anything is written; the export is checked against the Java
 * forward pass on every test window before the directory appears.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train one model with the study's protocol and write its artifact directory.")
final class TrainCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(TrainCommand.class);

  /**
   * The largest |Java − ONNX Runtime| predicted log-return the export may show on a test window.
   */
  static final double PARITY_TOLERANCE = 1e-5;

  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Mixin DataOptions data;
  @Mixin TrainingOptions training;
  @Mixin ComputeOptions compute;

  @Option(
      names = "--out",
      required = true,
      description = "Artifact directory to create, e.g. models/lstm-4h-default")
  Path out;

  @Option(
      names = "--model-version",
      description =
          "Model version. Default: <open time of the last bar>-seed<seed>, e.g. 2024-11-30T20Z-seed42")
  String version;

  @Option(names = "--overwrite", description = "Replace the artifact directory if it exists")
  boolean overwrite;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TrainingConfig config = training.config();
    BarSeries bars = data.read();
    StudyDataset dataset = StudyDataset.prepare(bars, Feature.STUDY, config.windowBars());
    if (Files.exists(out) && !overwrite) {
      throw new IllegalStateException(
          "Artifact directory " + out + " exists; choose another --out or add --overwrite");
    }
    try (Trainer trainer = compute.trainer()) {
      log.info(
          "Training source={} bars={} split={} trainingWindows={} kernels={} threads={} config={}",
          bars.source(),
          bars.size(),
          dataset.split(),
          dataset.trainingRows().size(),
          trainer.kernels().name(),
          trainer.threads(),
          config);
      TrainingResult result =
          trainer.train(dataset, config, new ProgressLog("train", config.maxEpochs()));
      double[] javaPredictions =
          unscaled(dataset, trainer.predictScaled(dataset, result.network(), dataset.testRows()));
      String modelVersion =
          version != null
              ? version
              : VERSION_TIME.format(bars.bar(bars.size() - 1).openTime()) + "-seed" + config.seed();
      FeatureScaling scaling = FeatureScaling.of(dataset);
      ModelCard card =
          ModelCard.describing(modelVersion, "trained", data.symbol(), data.interval(), scaling)
              .with(ModelCard.dataEntries(dataset))
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
                + "); no artifact written");
      }
      card = card.with(Map.of("lstm.onnx_parity_max_abs_error", Double.toString(parity)));
      ModelArtifact artifact =
          ModelArtifactWriter.write(
              out, model, card, Optional.of(test), result.history(), overwrite);
      printSummary(spec.commandLine().getOut(), artifact, result, test, parity);
    }
    return 0;
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

  private static void printSummary(
      PrintWriter out,
      ModelArtifact artifact,
      TrainingResult result,
      TestEvaluation test,
      double parity) {
    out.printf(Locale.ROOT, "artifact   %s%n", artifact.directory());
    out.printf(Locale.ROOT, "version    %s%n", artifact.card().version());
    out.printf(Locale.ROOT, "sha256     %s%n", artifact.sha256());
    out.printf(
        Locale.ROOT,
        "epochs     %d (kept epoch %d, %.2f s/epoch)%n",
        result.epochsRun(),
        result.keptEpoch(),
        result.secondsPerEpoch());
    out.printf(
        Locale.ROOT,
        "test       MAE %.2f  RMSE %.2f  MAPE %.4f %%  dir.acc %s%n",
        test.forecast().mae(),
        test.forecast().rmse(),
        test.forecast().mapePercent(),
        PerformanceMetrics.format(test.forecast().directionalAccuracy()));
    out.printf(
        Locale.ROOT,
        "long/flat  cum.return %.4f  Sharpe %s   (buy-and-hold %.4f, %s)%n",
        test.strategyMetrics().cumulativeReturn(),
        PerformanceMetrics.format(test.strategyMetrics().sharpe()),
        test.buyAndHoldMetrics().cumulativeReturn(),
        PerformanceMetrics.format(test.buyAndHoldMetrics().sharpe()));
    out.printf(
        Locale.ROOT,
        "onnx check max |Java - ORT| = %.2e over %d test windows%n",
        parity,
        test.rows().size());
    out.flush();
  }
}
