package io.lstmsignals.trainer.nn;

/**
 * exp(x) built only from IEEE-exact operations (add, multiply, fused multiply-add, exact
 * conversions), so that it gives the same bits in the interpreter, in C1 and C2 code, and lane by
 * lane in {@link SimdKernels}. Neither {@link Math#exp} (intrinsified differently by tier) nor the
 * Vector API's EXP (SVML in C2, a Java fallback elsewhere) guarantees that, and training must be
 * bit-reproducible for a seed.
 *
 * <p>Method: clamp x to ±{@value #LIMIT}, split x = k·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite,
 * two-part ln 2), evaluate the degree-13 Taylor polynomial of e^r by Horner's rule with fused
 * multiply-adds (truncation error below 5e-18 relative), and scale by 2^k through the exponent
 * bits. Relative error about 1e-16; NaN in, NaN out.
 */
public final class PortableExp {

  /**
   * Inputs are clamped to [−LIMIT, LIMIT]: e^±700 is still a normal double; the gates saturate long
   * before.
   */
  static final double LIMIT = 700.0;

  static final double LOG2_E = 1.4426950408889634;
  static final double LN2_HIGH = 0.6931471803691238;
  static final double LN2_LOW = 1.9082149292705877e-10;

  /**
   * 1.5 · 2^52: adding and subtracting it rounds a double of magnitude below 2^51 to the nearest
   * integer.
   */
  static final double ROUNDING_SHIFTER = 6755399441055744.0;

  static final int EXPONENT_BIAS = 1023;
  static final int MANTISSA_BITS = 52;

  /** 1/n! for n = 13 down to 0, the Horner order. */
  static final double[] TAYLOR = {
    1.0 / 6227020800.0,
    1.0 / 479001600.0,
    1.0 / 39916800.0,
    1.0 / 3628800.0,
    1.0 / 362880.0,
    1.0 / 40320.0,
    1.0 / 5040.0,
    1.0 / 720.0,
    1.0 / 120.0,
    1.0 / 24.0,
    1.0 / 6.0,
    0.5,
    1.0,
    1.0
  };

  private PortableExp() {}

  public static double exp(double x) {
    double clamped = Math.min(Math.max(x, -LIMIT), LIMIT);
    double k = Math.fma(clamped, LOG2_E, ROUNDING_SHIFTER) - ROUNDING_SHIFTER;
    double r = Math.fma(-k, LN2_HIGH, clamped);
    r = Math.fma(-k, LN2_LOW, r);
    double p = TAYLOR[0];
    for (int i = 1; i < TAYLOR.length; i++) {
      p = Math.fma(p, r, TAYLOR[i]);
    }
    double scale = Double.longBitsToDouble(((long) k + EXPONENT_BIAS) << MANTISSA_BITS);
    return p * scale;
  }

  /** The logistic function 1 / (1 + e^(−x)). */
  public static double sigmoid(double x) {
    return 1.0 / (1.0 + exp(-x));
  }

  /** tanh(x) = 2 / (1 + e^(−2x)) − 1 (absolute error about 1e-16). */
  public static double tanh(double x) {
    return 2.0 / (1.0 + exp(-2.0 * x)) - 1.0;
  }
}
