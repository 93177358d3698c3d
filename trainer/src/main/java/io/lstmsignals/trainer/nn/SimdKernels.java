package io.lstmsignals.trainer.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK's Vector API, at the widest double vector the CPU has (8 lanes with
 * AVX-512). Needs {@code --add-modules jdk.incubator.vector}. Stateless, thread-safe. Returns the
 * same bits as {@link ScalarKernels}: see {@link Kernels}.
 *
 * <p>The matrix-vector kernel keeps eight vectors of the output (then four, then one) in registers
 * while it streams the rows, so each output element is loaded and stored once per call instead of
 * once per row, and the FMAs of eight independent chains overlap.
 */
public final class SimdKernels implements Kernels {

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final long SHIFTER_BITS = Double.doubleToRawLongBits(PortableExp.ROUNDING_SHIFTER);
  private static final int WIDE_BLOCK = 8 * LANES;
  private static final int BLOCK = 4 * LANES;

  @Override
  public void addMatrixVector(double[] out, double[][] rows, double[] x, int count) {
    int width = out.length;
    int j = 0;
    for (; j + WIDE_BLOCK <= width; j += WIDE_BLOCK) {
      DoubleVector acc0 = DoubleVector.fromArray(SPECIES, out, j);
      DoubleVector acc1 = DoubleVector.fromArray(SPECIES, out, j + LANES);
      DoubleVector acc2 = DoubleVector.fromArray(SPECIES, out, j + 2 * LANES);
      DoubleVector acc3 = DoubleVector.fromArray(SPECIES, out, j + 3 * LANES);
      DoubleVector acc4 = DoubleVector.fromArray(SPECIES, out, j + 4 * LANES);
      DoubleVector acc5 = DoubleVector.fromArray(SPECIES, out, j + 5 * LANES);
      DoubleVector acc6 = DoubleVector.fromArray(SPECIES, out, j + 6 * LANES);
      DoubleVector acc7 = DoubleVector.fromArray(SPECIES, out, j + 7 * LANES);
      for (int k = 0; k < count; k++) {
        double[] row = rows[k];
        DoubleVector a = DoubleVector.broadcast(SPECIES, x[k]);
        acc0 = a.fma(DoubleVector.fromArray(SPECIES, row, j), acc0);
        acc1 = a.fma(DoubleVector.fromArray(SPECIES, row, j + LANES), acc1);
        acc2 = a.fma(DoubleVector.fromArray(SPECIES, row, j + 2 * LANES), acc2);
        acc3 = a.fma(DoubleVector.fromArray(SPECIES, row, j + 3 * LANES), acc3);
        acc4 = a.fma(DoubleVector.fromArray(SPECIES, row, j + 4 * LANES), acc4);
        acc5 = a.fma(DoubleVector.fromArray(SPECIES, row, j + 5 * LANES), acc5);
        acc6 = a.fma(DoubleVector.fromArray(SPECIES, row, j + 6 * LANES), acc6);
        acc7 = a.fma(DoubleVector.fromArray(SPECIES, row, j + 7 * LANES), acc7);
      }
      acc0.intoArray(out, j);
      acc1.intoArray(out, j + LANES);
      acc2.intoArray(out, j + 2 * LANES);
      acc3.intoArray(out, j + 3 * LANES);
      acc4.intoArray(out, j + 4 * LANES);
      acc5.intoArray(out, j + 5 * LANES);
      acc6.intoArray(out, j + 6 * LANES);
      acc7.intoArray(out, j + 7 * LANES);
    }
    for (; j + BLOCK <= width; j += BLOCK) {
      DoubleVector acc0 = DoubleVector.fromArray(SPECIES, out, j);
      DoubleVector acc1 = DoubleVector.fromArray(SPECIES, out, j + LANES);
      DoubleVector acc2 = DoubleVector.fromArray(SPECIES, out, j + 2 * LANES);
      DoubleVector acc3 = DoubleVector.fromArray(SPECIES, out, j + 3 * LANES);
      for (int k = 0; k < count; k++) {
        double[] row = rows[k];
        DoubleVector a = DoubleVector.broadcast(SPECIES, x[k]);
        acc0 = a.fma(DoubleVector.fromArray(SPECIES, row, j), acc0);
        acc1 = a.fma(DoubleVector.fromArray(SPECIES, row, j + LANES), acc1);
        acc2 = a.fma(DoubleVector.fromArray(SPECIES, row, j + 2 * LANES), acc2);
        acc3 = a.fma(DoubleVector.fromArray(SPECIES, row, j + 3 * LANES), acc3);
      }
      acc0.intoArray(out, j);
      acc1.intoArray(out, j + LANES);
      acc2.intoArray(out, j + 2 * LANES);
      acc3.intoArray(out, j + 3 * LANES);
    }
    for (; j + LANES <= width; j += LANES) {
      DoubleVector acc = DoubleVector.fromArray(SPECIES, out, j);
      for (int k = 0; k < count; k++) {
        acc =
            DoubleVector.broadcast(SPECIES, x[k])
                .fma(DoubleVector.fromArray(SPECIES, rows[k], j), acc);
      }
      acc.intoArray(out, j);
    }
    for (; j < width; j++) {
      double acc = out[j];
      for (int k = 0; k < count; k++) {
        acc = Math.fma(x[k], rows[k][j], acc);
      }
      out[j] = acc;
    }
  }

  @Override
  public void sigmoid(double[] v, int from, int to) {
    int i = from;
    for (; i + LANES <= to; i += LANES) {
      DoubleVector z = DoubleVector.fromArray(SPECIES, v, i);
      DoubleVector.broadcast(SPECIES, 1.0).div(exp(z.neg()).add(1.0)).intoArray(v, i);
    }
    for (; i < to; i++) {
      v[i] = PortableExp.sigmoid(v[i]);
    }
  }

  @Override
  public void tanh(double[] src, int srcFrom, double[] dst, int dstFrom, int length) {
    int i = 0;
    for (; i + LANES <= length; i += LANES) {
      DoubleVector z = DoubleVector.fromArray(SPECIES, src, srcFrom + i);
      DoubleVector.broadcast(SPECIES, 2.0)
          .div(exp(z.mul(-2.0)).add(1.0))
          .sub(1.0)
          .intoArray(dst, dstFrom + i);
    }
    for (; i < length; i++) {
      dst[dstFrom + i] = PortableExp.tanh(src[srcFrom + i]);
    }
  }

  /** {@link PortableExp#exp} lane by lane, with the same operations in the same order. */
  private static DoubleVector exp(DoubleVector x) {
    DoubleVector clamped = x.max(-PortableExp.LIMIT).min(PortableExp.LIMIT);
    DoubleVector shifted = clamped.fma(PortableExp.LOG2_E, PortableExp.ROUNDING_SHIFTER);
    DoubleVector k = shifted.sub(PortableExp.ROUNDING_SHIFTER);
    DoubleVector negativeK = k.neg();
    DoubleVector r = negativeK.fma(DoubleVector.broadcast(SPECIES, PortableExp.LN2_HIGH), clamped);
    r = negativeK.fma(DoubleVector.broadcast(SPECIES, PortableExp.LN2_LOW), r);
    DoubleVector p = DoubleVector.broadcast(SPECIES, PortableExp.TAYLOR[0]);
    for (int i = 1; i < PortableExp.TAYLOR.length; i++) {
      p = p.fma(r, DoubleVector.broadcast(SPECIES, PortableExp.TAYLOR[i]));
    }
    // k as a long without a D2L conversion (AVX2 has none: the Vector API fell back to Java code,
    // lane by lane): k is an integer in the low mantissa bits of shifted, so its bits are the
    // shifter's plus k. The same integer as (long) k, so the same bits as PortableExp.
    LongVector exponent =
        shifted
            .reinterpretAsLongs()
            .sub(SHIFTER_BITS - PortableExp.EXPONENT_BIAS)
            .lanewise(VectorOperators.LSHL, PortableExp.MANTISSA_BITS);
    return p.mul(exponent.reinterpretAsDoubles());
  }

  @Override
  public String name() {
    return "simd-" + LANES + "x" + Double.SIZE;
  }
}
