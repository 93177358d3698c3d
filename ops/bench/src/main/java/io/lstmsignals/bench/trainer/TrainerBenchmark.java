package io.lstmsignals.bench.trainer;

import io.lstmsignals.bench.measure.LoadAverage;
import io.lstmsignals.trainer.data.CsvBarSource;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.nn.ScalarKernels;
import io.lstmsignals.trainer.nn.SimdKernels;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingConfig;
import io.lstmsignals.trainer.train.TrainingListener;
import io.lstmsignals.trainer.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench trainer}: seconds per epoch of the study's default configuration on the study data,
 * for scalar and SIMD kernels on 1 and 2 threads, in one JVM, as ratios against the scalar
 * single-thread baseline measured in the same run; with {@code --against-pytorch}, PyTorch on 1 and
 * 2 threads with the same shapes too ({@link PyTorchPeer}), or no PyTorch figure at all when it
 * cannot run. The variants take turns over several rounds and each reports the median of its
 * measured epochs, so that load from other processes on a shared machine hits every variant alike;
 * the load average is printed each round. Also checks that every Java variant trained bit-identical
 * weights.
 */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    description = {
      "Seconds per epoch of the default configuration, scalar vs SIMD, 1 vs 2 threads; with"
          + " --against-pytorch, PyTorch on 1 and 2 threads on the same shapes, in the same rounds.",
      ""
    })
public final class TrainerBenchmark implements Callable<Integer> {

  @Option(
      names = "--data",
      defaultValue = "data/BTCUSDT-4h-2024.csv",
      description = "The study's bar file. Default: ${DEFAULT-VALUE}")
  Path data;

  @Option(
      names = "--epochs",
      defaultValue = "3",
      description = "Measured epochs per variant. Default: 3")
  int epochs;

  @Option(
      names = "--warmup-epochs",
      defaultValue = "1",
      description = "Epochs run first and not measured (JIT warm-up). Default: 1")
  int warmupEpochs;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description = "Times each variant runs, taking turns. Default: 2")
  int rounds;

  @Option(
      names = "--against-pytorch",
      description =
          "Also time PyTorch (Debian: apt-get install python3-torch) with the same shapes, on 1 and"
              + " 2 threads, taking turns with the Java variants.")
  boolean againstPyTorch;

  @Option(
      names = "--python",
      defaultValue = "/usr/bin/python3",
      paramLabel = "PATH",
      description = "The Python with torch, for --against-pytorch (default: ${DEFAULT-VALUE}).")
  Path python;

  @Spec CommandSpec spec;

  /** A Java variant (kernels set) or PyTorch (kernels null). */
  private record Variant(Kernels kernels, int threads) {
    String name(PyTorchPeer peer) {
      return kernels != null ? kernels.name() : "pytorch " + peer.version() + " f32";
    }
  }

  @Override
  public Integer call() throws Exception {
    if (epochs < 1 || warmupEpochs < 0 || rounds < 1) {
      throw new IllegalArgumentException(
          "Invalid --epochs "
              + epochs
              + " / --warmup-epochs "
              + warmupEpochs
              + " / --rounds "
              + rounds
              + ": need epochs >= 1, warm-up >= 0, rounds >= 1");
    }
    if (!Kernels.simdAvailable()) {
      throw new IllegalStateException(
          "SIMD kernels need the JVM option --add-modules jdk.incubator.vector (bin/bench adds it)");
    }
    TrainingConfig base = TrainingConfig.STUDY_DEFAULT;
    int total = warmupEpochs + epochs;
    TrainingConfig config =
        new TrainingConfig(
            base.windowBars(),
            base.hiddenSize(),
            base.layers(),
            base.dropout(),
            base.batchSize(),
            total,
            total,
            base.learningRate(),
            base.keptWeights(),
            base.clipNorm(),
            base.seed(),
            base.shards());
    StudyDataset dataset =
        StudyDataset.prepare(
            new CsvBarSource(data, Duration.ofHours(4)).read(), Feature.STUDY, config.windowBars());
    List<Variant> variants =
        new ArrayList<>(
            List.of(
                new Variant(new ScalarKernels(), 1),
                new Variant(new ScalarKernels(), 2),
                new Variant(new SimdKernels(), 1),
                new Variant(new SimdKernels(), 2)));

    PrintWriter out = spec.commandLine().getOut();
    PyTorchPeer peer = null;
    if (againstPyTorch) {
      StringBuilder whyNot = new StringBuilder();
      peer = PyTorchPeer.find(python, whyNot).orElse(null);
      if (peer == null) {
        out.printf(
            Locale.ROOT,
            "PyTorch: not measured, so no PyTorch figure is printed: %s (Debian: apt-get install"
                + " python3-torch)%n",
            whyNot);
      } else {
        variants.add(new Variant(null, 1));
        variants.add(new Variant(null, 2));
      }
    }
    PyTorchPeer.Shapes shapes =
        new PyTorchPeer.Shapes(
            dataset.trainingRows().size(),
            dataset.validationRows().size(),
            config.windowBars(),
            dataset.features().size(),
            config.hiddenSize(),
            config.layers(),
            config.dropout(),
            config.batchSize(),
            config.learningRate());
    out.printf(
        Locale.ROOT,
        "Default config (W=48, 2x32, dropout 0.1, batch 64) on %s: %d training windows +"
            + " %d validation windows per epoch; %d rounds of %d warm-up + %d measured epochs per variant.%n",
        dataset.bars().source(),
        dataset.trainingRows().size(),
        dataset.validationRows().size(),
        rounds,
        warmupEpochs,
        epochs);
    out.flush();
    List<TrainingResult> results = new ArrayList<>();
    List<List<Double>> measured = new ArrayList<>();
    variants.forEach(variant -> measured.add(new ArrayList<>()));
    for (int round = 0; round < rounds; round++) {
      out.printf(Locale.ROOT, "round %d of %d: %s%n", round + 1, rounds, LoadAverage.now());
      out.flush();
      for (int v = 0; v < variants.size(); v++) {
        Variant variant = variants.get(v);
        List<Double> times = measured.get(v);
        if (variant.kernels() == null) {
          times.addAll(
              peer.epochs(shapes, variant.threads(), warmupEpochs, epochs, config.seed() + round));
          continue;
        }
        TrainingResult result;
        try (Trainer trainer = new Trainer(variant.kernels(), variant.threads())) {
          result = trainer.train(dataset, config, TrainingListener.none());
        }
        results.add(result);
        result.history().stream().skip(warmupEpochs).forEach(epoch -> times.add(epoch.seconds()));
      }
    }
    out.printf(Locale.ROOT, "after the last round: %s%n", LoadAverage.now());
    out.printf(
        Locale.ROOT,
        "%-22s %-8s %16s %22s%n",
        "variant",
        "threads",
        "median s/epoch",
        "speed-up vs scalar x1");
    double baseline = median(measured.get(0));
    for (int v = 0; v < variants.size(); v++) {
      double seconds = median(measured.get(v));
      Variant variant = variants.get(v);
      out.printf(
          Locale.ROOT,
          "%-22s %-8d %16.3f %21.2fx%n",
          variant.name(peer),
          variant.threads(),
          seconds,
          baseline / seconds);
    }
    if (peer != null) {
      printAgainstPyTorch(out, variants, measured, peer);
    }
    boolean identical =
        results.stream().allMatch(r -> r.network().bitwiseEquals(results.get(0).network()));
    out.printf(
        Locale.ROOT,
        "All Java variants trained bit-identical weights: %s%n",
        identical ? "yes" : "NO");
    out.flush();
    return identical ? 0 : 1;
  }

  /** The fastest Java variant against PyTorch's fastest thread setting, both from this run. */
  private static void printAgainstPyTorch(
      PrintWriter out, List<Variant> variants, List<List<Double>> measured, PyTorchPeer peer) {
    int java = -1;
    int torch = -1;
    for (int v = 0; v < variants.size(); v++) {
      double seconds = median(measured.get(v));
      if (variants.get(v).kernels() != null) {
        java = java < 0 || seconds < median(measured.get(java)) ? v : java;
      } else {
        torch = torch < 0 || seconds < median(measured.get(torch)) ? v : torch;
      }
    }
    double javaSeconds = median(measured.get(java));
    double torchSeconds = median(measured.get(torch));
    out.printf(
        Locale.ROOT,
        "Fastest Java (%s, %d threads) %.3f s vs PyTorch's fastest (%d thread(s)) %.3f s per epoch:"
            + " %.2fx PyTorch's time (%.1fx as fast). Java trains in double, PyTorch in float32.%n",
        variants.get(java).kernels().name(),
        variants.get(java).threads(),
        javaSeconds,
        variants.get(torch).threads(),
        torchSeconds,
        javaSeconds / torchSeconds,
        torchSeconds / javaSeconds);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
