package io.lstmsignals.trainer.nn;

/**
 * The few dense loops the LSTM spends its time in, over per-row arrays ({@code rows[k]} is one row;
 * the rows of a call have equal length). Two implementations: {@link ScalarKernels} (plain Java,
 * the benchmark's baseline) and {@link SimdKernels} (the JDK's Vector API).
 *
 * <p>Every kernel is element-wise: each output element goes through the same IEEE-exact operations
 * in the same order in both implementations (no horizontal sums, {@link PortableExp} instead of
 * library exp), so they return identical bits, on any vector width and in any JIT tier. Training is
 * therefore bit-reproducible for a seed whichever kernels and however many threads run it.
 */
public interface Kernels {

  /**
   * {@code out[j] = fma(x[k], rows[k][j], out[j])} for k = 0 … count − 1 in order, for every j of
   * out.
   */
  void addMatrixVector(double[] out, double[][] rows, double[] x, int count);

  /** {@code v[i] = PortableExp.sigmoid(v[i])} for i in [from, to). */
  void sigmoid(double[] v, int from, int to);

  /**
   * {@code dst[dstFrom + i] = PortableExp.tanh(src[srcFrom + i])} for i &lt; length; src may be
   * dst.
   */
  void tanh(double[] src, int srcFrom, double[] dst, int dstFrom, int length);

  /** A name for logs and benchmark output. */
  String name();

  /**
   * The fastest kernels this JVM can run: SIMD when the {@code jdk.incubator.vector} module was
   * added ({@code --add-modules jdk.incubator.vector}), else scalar.
   */
  static Kernels best() {
    return simdAvailable() ? new SimdKernels() : new ScalarKernels();
  }

  /**
   * Whether the Vector API module is loaded, i.e. whether {@link SimdKernels} can run in this JVM.
   */
  static boolean simdAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }
}
