package io.lstmsignals.trainer.app;

import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.nn.ScalarKernels;
import io.lstmsignals.trainer.nn.SimdKernels;
import io.lstmsignals.trainer.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** How training runs (never what it computes: results are identical for every choice). */
final class ComputeOptions {

  private static final Logger log = LoggerFactory.getLogger(ComputeOptions.class);

  enum KernelChoice {
    AUTO,
    SCALAR,
    SIMD
  }

  @Option(names = "--threads", defaultValue = "2", description = "Worker threads. Default: 2")
  int threads;

  @Option(
      names = "--kernels",
      defaultValue = "AUTO",
      description =
          "AUTO (SIMD when jdk.incubator.vector is loaded), SCALAR or SIMD. Default: AUTO")
  KernelChoice kernels;

  Trainer trainer() {
    return new Trainer(kernels(), threads);
  }

  Kernels kernels() {
    return switch (kernels) {
      case SCALAR -> new ScalarKernels();
      case SIMD -> {
        requireSimd();
        yield new SimdKernels();
      }
      case AUTO -> {
        if (!Kernels.simdAvailable()) {
          log.warn(
              "jdk.incubator.vector is not loaded: training on scalar kernels, several times slower;"
                  + " run the JVM with --add-modules jdk.incubator.vector (bin/trainer does)");
        }
        yield Kernels.best();
      }
    };
  }

  static void requireSimd() {
    if (!Kernels.simdAvailable()) {
      throw new IllegalStateException(
          "SIMD kernels need the JVM option --add-modules jdk.incubator.vector");
    }
  }
}
