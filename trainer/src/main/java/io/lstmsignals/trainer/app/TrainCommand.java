package io.lstmsignals.trainer.app;

import io.lstmsignals.trainer.artifact.ModelArtifact;
import io.lstmsignals.trainer.artifact.ModelArtifactWriter;
import io.lstmsignals.trainer.artifact.ModelTraining;
import io.lstmsignals.trainer.artifact.ModelTraining.TrainedModel;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingConfig;
import io.lstmsignals.trainer.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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

  @Mixin DataOptions data;
  @Mixin TrainingOptions training;
  @Mixin ComputeOptions compute;
  @Mixin ReleaseOptions releasing;

  @Option(
      names = "--out",
      required = true,
      description = "Artifact directory to create, e.g. models/lstm-4h-default")
  Path out;

  @Option(
      names = "--model-version",
      description =
          "Model version. Default: <line>-<open time of the last bar>-<hash of config and"
              + " data>-seed<seed>, e.g. lstm-4h-20241231T20Z-3f9c2a1b-seed42")
  String version;

  @Option(names = "--overwrite", description = "Replace the artifact directory if it exists")
  boolean overwrite;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TrainingConfig config = training.config();
    BarSeries bars = data.read();
    if (Files.exists(out) && !overwrite) {
      throw new IllegalStateException(
          "Artifact directory " + out + " exists; choose another --out or add --overwrite");
    }
    try (Trainer trainer = compute.trainer()) {
      log.info(
          "Training source={} bars={} kernels={} threads={} config={}",
          bars.source(),
          bars.size(),
          trainer.kernels().name(),
          trainer.threads(),
          config);
      TrainedModel trained =
          ModelTraining.train(
              trainer,
              bars,
              config,
              new ModelTraining.Identity(releasing.line, version, data.symbol(), null, null),
              new ProgressLog("train", config.maxEpochs()));
      ModelArtifact artifact = ModelArtifactWriter.write(out, trained, overwrite);
      PrintWriter console = spec.commandLine().getOut();
      printSummary(console, artifact, trained);
      releasing.releaseIfAsked(
          data.connection,
          artifact.card().version(),
          artifact.onnx(),
          artifact.card().entries(),
          console);
    }
    return 0;
  }

  private static void printSummary(PrintWriter out, ModelArtifact artifact, TrainedModel trained) {
    TrainingResult result = trained.result();
    TestEvaluation test = trained.test();
    double parity = trained.parity();
    out.printf(Locale.ROOT, "artifact   %s%n", artifact.directory());
    out.printf(Locale.ROOT, "version    %s%n", artifact.card().version());
    out.printf(Locale.ROOT, "sha256     %s%n", artifact.sha256());
    out.printf(
        Locale.ROOT,
        "epochs     %d (kept epoch %d, %.2f s/epoch)%n",
        result.epochsRun(),
        result.keptEpoch(),
        result.secondsPerEpoch());
    EvaluationLines.print(out, "test", test);
    out.printf(
        Locale.ROOT,
        "onnx check max |Java - ORT| = %.2e over %d test windows%n",
        parity,
        test.rows().size());
    out.flush();
  }
}
