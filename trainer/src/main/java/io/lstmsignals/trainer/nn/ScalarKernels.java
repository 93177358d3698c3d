package io.lstmsignals.trainer.nn;

/**
 * Plain-Java {@link Kernels}: the reference and the benchmark's baseline. Stateless, thread-safe.
 */
public final class ScalarKernels implements Kernels {

  @Override
  public void addMatrixVector(double[] out, double[][] rows, double[] x, int count) {
    for (int k = 0; k < count; k++) {
      double a = x[k];
      double[] row = rows[k];
      for (int j = 0; j < out.length; j++) {
        out[j] = Math.fma(a, row[j], out[j]);
      }
    }
  }

  @Override
  public void sigmoid(double[] v, int from, int to) {
    for (int i = from; i < to; i++) {
      v[i] = PortableExp.sigmoid(v[i]);
    }
  }

  @Override
  public void tanh(double[] src, int srcFrom, double[] dst, int dstFrom, int length) {
    for (int i = 0; i < length; i++) {
      dst[dstFrom + i] = PortableExp.tanh(src[srcFrom + i]);
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
