package io.lstmsignals.bench.trainer;

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
 * {@code trainer benchmark}: seconds per epoch of the study's default configuration on the study
 * data, for scalar and SIMD kernels on 1 and 2 threads, in one JVM, as ratios against the scalar
 * single-thread baseline measured in the same run. The variants take turns over several rounds and
 * each reports the median of its measured epochs, so that load from other processes on a shared
 * machine hits every variant alike. Also checks that every variant trained bit-identical weights.
 */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    description = "Seconds per epoch of the default configuration, scalar vs SIMD, 1 vs 2 threads.")
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

  @Spec CommandSpec spec;

  private record Variant(Kernels kernels, int threads) {}

  @Override
  public Integer call() {
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
        List.of(
            new Variant(new ScalarKernels(), 1),
            new Variant(new ScalarKernels(), 2),
            new Variant(new SimdKernels(), 1),
            new Variant(new SimdKernels(), 2));

    PrintWriter out = spec.commandLine().getOut();
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
      for (int v = 0; v < variants.size(); v++) {
        Variant variant = variants.get(v);
        TrainingResult result;
        try (Trainer trainer = new Trainer(variant.kernels(), variant.threads())) {
          result = trainer.train(dataset, config, TrainingListener.none());
        }
        results.add(result);
        List<Double> times = measured.get(v);
        result.history().stream().skip(warmupEpochs).forEach(epoch -> times.add(epoch.seconds()));
      }
    }
    out.printf(
        Locale.ROOT,
        "%-12s %-8s %16s %22s%n",
        "kernels",
        "threads",
        "median s/epoch",
        "speed-up vs scalar x1");
    double baseline = median(measured.get(0));
    for (int v = 0; v < variants.size(); v++) {
      double seconds = median(measured.get(v));
      Variant variant = variants.get(v);
      out.printf(
          Locale.ROOT,
          "%-12s %-8d %16.3f %21.2fx%n",
          variant.kernels().name(),
          variant.threads(),
          seconds,
          baseline / seconds);
    }
    boolean identical =
        results.stream().allMatch(r -> r.network().bitwiseEquals(results.get(0).network()));
    out.printf(
        Locale.ROOT, "All variants trained bit-identical weights: %s%n", identical ? "yes" : "NO");
    out.flush();
    return identical ? 0 : 1;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
