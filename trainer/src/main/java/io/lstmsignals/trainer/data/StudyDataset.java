package io.lstmsignals.trainer.data;

import io.lstmsignals.schemas.contract.ModelInput;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The study's data, ready for training and testing: return rows, features, the split, the
 * train-only scalers and the windows.
 *
 * <p>Row {@code j} is the return of bar {@code j + 1}: target {@code r = ln(close_(j+1) /
 * close_j)}, reference close {@code close_j} (the last close known before the bar), features of bar
 * {@code j + 1}. The model predicts row {@code t} from the W rows {@code t − W … t − 1}, which the
 * raw bars {@code t − W … t} determine; bar t is the window's reference bar. Training targets are
 * the train rows from W on (earlier ones have no full window); validation and test windows reach
 * back into earlier segments, as a walk-forward forecast does.
 */
public final class StudyDataset {

  private final BarSeries bars;
  private final List<Feature> features;
  private final int windowBars;
  private final StudySplit split;
  private final MinMaxScaler featureScaler;
  private final MinMaxScaler targetScaler;
  private final double[] targets;
  private final double[][] scaledFeatures;
  private final double[] scaledTargets;

  private StudyDataset(
      BarSeries bars,
      List<Feature> features,
      int windowBars,
      StudySplit split,
      MinMaxScaler featureScaler,
      MinMaxScaler targetScaler,
      double[] targets,
      double[][] scaledFeatures,
      double[] scaledTargets) {
    this.bars = bars;
    this.features = features;
    this.windowBars = windowBars;
    this.split = split;
    this.featureScaler = featureScaler;
    this.targetScaler = targetScaler;
    this.targets = targets;
    this.scaledFeatures = scaledFeatures;
    this.scaledTargets = scaledTargets;
  }

  /**
   * Computes rows, split and scalers (fitted on the training rows only) from consecutive bars.
   *
   * @throws BarDataException if the bars have a gap, or are too few for the window and the split
   */
  public static StudyDataset prepare(BarSeries bars, List<Feature> features, int windowBars) {
    Objects.requireNonNull(bars, "bars");
    if (features.isEmpty()) {
      throw new IllegalArgumentException("StudyDataset: features must not be empty");
    }
    if (windowBars < 1) {
      throw new IllegalArgumentException(
          "StudyDataset: windowBars " + windowBars + " must be >= 1");
    }
    bars.requireNoGaps();
    int rows = Math.max(bars.size() - 1, 0);
    StudySplit split = StudySplit.of(rows);
    if (split.train() <= windowBars || split.validation() < 1 || split.test() < 1) {
      throw new BarDataException(
          "StudyDataset "
              + bars.source()
              + ": "
              + bars.size()
              + " bars give "
              + rows
              + " return rows, split train "
              + split.train()
              + " / validation "
              + split.validation()
              + " / test "
              + split.test()
              + "; windowBars "
              + windowBars
              + " needs more than "
              + windowBars
              + " training rows and at least one validation and one test row, i.e. at least "
              + minimumBars(windowBars)
              + " bars");
    }
    double[][] raw = new double[rows][features.size()];
    double[][] target = new double[rows][1];
    for (int row = 0; row < rows; row++) {
      OhlcvBar previous = bars.bar(row);
      OhlcvBar current = bars.bar(row + 1);
      for (int f = 0; f < features.size(); f++) {
        raw[row][f] = features.get(f).valueOf(previous, current);
      }
      target[row][0] = Feature.LOG_RETURN.valueOf(previous, current);
    }
    MinMaxScaler featureScaler = MinMaxScaler.fit(raw, 0, split.train());
    MinMaxScaler targetScaler = MinMaxScaler.fit(target, 0, split.train());
    double[][] scaled = new double[rows][features.size()];
    double[] targets = new double[rows];
    double[] scaledTargets = new double[rows];
    for (int row = 0; row < rows; row++) {
      for (int f = 0; f < features.size(); f++) {
        scaled[row][f] = featureScaler.scale(f, raw[row][f]);
      }
      targets[row] = target[row][0];
      scaledTargets[row] = targetScaler.scale(0, targets[row]);
    }
    return new StudyDataset(
        bars,
        List.copyOf(features),
        windowBars,
        split,
        featureScaler,
        targetScaler,
        targets,
        scaled,
        scaledTargets);
  }

  /** The fewest bars {@link #prepare} accepts for a window of {@code windowBars}. */
  public static int minimumBars(int windowBars) {
    int bars = windowBars + 2;
    while (true) {
      StudySplit split = StudySplit.of(bars - 1);
      if (split.train() > windowBars && split.validation() >= 1 && split.test() >= 1) {
        return bars;
      }
      bars++;
    }
  }

  public BarSeries bars() {
    return bars;
  }

  public List<Feature> features() {
    return features;
  }

  public int windowBars() {
    return windowBars;
  }

  public StudySplit split() {
    return split;
  }

  public MinMaxScaler featureScaler() {
    return featureScaler;
  }

  public MinMaxScaler targetScaler() {
    return targetScaler;
  }

  public int rows() {
    return targets.length;
  }

  /** Rows the model is trained on: the train rows with a full window. */
  public RowRange trainingRows() {
    return new RowRange(windowBars, split.train());
  }

  public RowRange validationRows() {
    return new RowRange(split.validationStart(), split.testStart());
  }

  public RowRange testRows() {
    return new RowRange(split.testStart(), split.rows());
  }

  /**
   * The scaled feature rows, by row then feature. Shared, not copied (the training loop reads them
   * millions of times): callers must not modify them.
   */
  public double[][] scaledFeatures() {
    return scaledFeatures;
  }

  /** First feature row of the window that predicts {@code row}. */
  public int windowStart(int row) {
    return row - windowBars;
  }

  public double scaledTarget(int row) {
    return scaledTargets[row];
  }

  /** The true log-return of the row. */
  public double target(int row) {
    return targets[row];
  }

  /**
   * close of the reference bar (bar {@code row}): the last close known before the predicted bar.
   */
  public double referenceClose(int row) {
    return bars.bar(row).close();
  }

  /** close of the predicted bar (bar {@code row + 1}). */
  public double actualClose(int row) {
    return bars.bar(row + 1).close();
  }

  /**
   * Open time of the window's reference bar (bar {@code row}); a scorer predicts once this bar has
   * closed.
   */
  public Instant referenceTime(int row) {
    return bars.bar(row).openTime();
  }

  /** Open time of the predicted bar (bar {@code row + 1}). */
  public Instant targetTime(int row) {
    return bars.bar(row + 1).openTime();
  }

  /**
   * The raw bars the self-contained model reads to predict {@code row}: bars {@code row − W … row},
   * oldest first, packed as the model's input ({@link ModelInput}).
   */
  public float[] rawWindow(int row) {
    float[] window = new float[ModelInput.floatsPerWindow(windowBars)];
    for (int i = 0; i <= windowBars; i++) {
      OhlcvBar bar = bars.bar(row - windowBars + i);
      ModelInput.put(window, i, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }
    return window;
  }
}
